package ru.tos.dutydesk.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code config/duty-desk.yml} as read by Jackson. Unknown keys are rejected so that a typo is reported,
 * not silently ignored; {@link ConfigLoader} validates values and names the key of each problem.
 */
public record DeskConfig(
        String database,
        String timezone,
        Map<String, String> association,
        Knowledge knowledge,
        Desk desk,
        Matching matching,
        Telegram telegram,
        Vk vk,
        Profile profile,
        Map<String, Integer> targets,
        Period period,
        Map<String, String> texts,
        Backup backup,
        Health health,
        Max max, EmailConfig email) {

    public record Desk(
            @JsonProperty("working-hours") WorkingHoursConfig workingHours,
            @JsonProperty("answer-within") String answerWithin,
            @JsonProperty("reannounce-after") String reannounceAfter,
            @JsonProperty("auto-close-after") String autoCloseAfter,
            List<Webinar> webinars,
            @JsonProperty("consultation-slots") List<Slot> consultationSlots,
            Flood flood,
            @JsonProperty("knowledge-file-limit-kb") Integer knowledgeFileLimitKb) {
    }

    /** How many messages one person may send before the desk pauses reading them. */
    public record Flood(@JsonProperty("per-minute") Integer perMinute, @JsonProperty("per-hour") Integer perHour) {
    }

    /**
     * @param reviewEvery how old a {@code reviewed} date may get, e.g. {@code 12 months} or {@code 180 days}
     * @param guardEval   an evaluation file, or a folder of {@code *.tsv} files, the teaching guard asks again
     */
    public record Knowledge(@JsonProperty("review-every") String reviewEvery, @JsonProperty("guard-eval") String guardEval) {
    }

    public record WorkingHoursConfig(List<String> days, String from, String to) {
    }

    /**
     * A webinar. With {@code time} (and then {@code id}) residents can register for it; with a date only it is listed
     * in the {@code {{desk.webinars}}} text, as before.
     *
     * @param id       short latin id (it travels in buttons and in {@code /announce ID})
     * @param time     local time in the config's {@code timezone}, e.g. {@code "18:00"}
     * @param length   how long it lasts, e.g. {@code 1h} or {@code 90m} (default 1h)
     * @param capacity how many may register (absent: no limit)
     */
    public record Webinar(String id, LocalDate date, String time, String title, String link, Integer capacity,
                          String length) {
        public Webinar(LocalDate date, String title, String link) {
            this(null, date, null, title, link, null, null);
        }
    }

    /** One video consultation slot a resident can book: who, when (local time), how long, and the call's link. */
    public record Slot(String consultant, LocalDate date, String time, String length, String link) {
    }

    public record Matching(Double answer, Double suggest, Double margin) {
    }

    public record Telegram(
            @JsonProperty("api-url") String apiUrl,
            @JsonProperty("consultants-chat-id") Long consultantsChatId,
            List<Long> consultants,
            List<Long> coordinators,
            @JsonProperty("max-messages-per-second") Integer maxMessagesPerSecond) {
    }

    public record Vk(@JsonProperty("api-url") String apiUrl) {
    }

    /**
     * The MAX channel; the token comes from MAX_BOT_TOKEN only.
     *
     * @param caFile                   PEM file with the certificate(s) the API's host chains to, trusted by this
     *                                 client only (besides the JDK's own)
     * @param messagesPerSecondPerChat at most this many sends to one chat a second (MAX allows 2)
     */
    public record Max(@JsonProperty("api-url") String apiUrl,
                      @JsonProperty("ca-file") String caFile,
                      @JsonProperty("messages-per-second-per-chat") Integer messagesPerSecondPerChat) {
    }

    public record Profile(List<String> districts) {
    }

    public record Period(LocalDate from, LocalDate to) {
    }

    /** The nightly backup; absent means none. */
    public record Backup(String folder, Integer keep, String at) {
    }

    /** The health and metrics listener; absent means none. */
    public record Health(Integer port, @JsonProperty("max-poll-age") String maxPollAge) {
    }
}
