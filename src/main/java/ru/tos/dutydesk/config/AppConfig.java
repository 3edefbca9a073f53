package ru.tos.dutydesk.config;

import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.matching.Thresholds;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration, split into what each part needs.
 *
 * @param placeholders values for {@code {{...}}} in knowledge files
 * @param targets      the grant project's targets by name (consultations, participants, districts, ...)
 * @param telegramMaxMessagesPerSecond the Telegram sender's overall limit (Telegram's own is 30)
 * @param backup       the nightly backup, when the config asks for one
 * @param health       the health and metrics listener, when the config asks for one
 * @param knowledgeFileLimitBytes      the size limit of each knowledge file
 * @param max          the MAX channel's connection settings (used only when MAX_BOT_TOKEN is set)
 * @param email        the association's mailbox, when the config has an {@code email} section
 * @param guardEval    evaluation rows the teaching guard checks a new variant against (knowledge.guard-eval)
 * @param events       the webinars residents can register for and the video consultation slots they can book
 */
public record AppConfig(Path source, ru.tos.dutydesk.store.DatabaseLocation database, ZoneId zone, DeskSettings desk, Thresholds thresholds,
                        Map<String, String> placeholders, String telegramApiUrl, Optional<Long> consultantsChatId,
                        String vkApiUrl, Map<String, Integer> targets, LocalDate periodFrom, LocalDate periodTo,
                        List<DeskConfig.Webinar> webinars, int telegramMaxMessagesPerSecond,
                        Optional<BackupSchedule> backup, Optional<HealthListener> health, long knowledgeFileLimitBytes,
                        MaxApi max, Optional<EmailConfig.Mailbox> email, Optional<Path> guardEval,
                        ru.tos.dutydesk.desk.EventCalendar events) {

    /** A backup into {@code folder} every day at {@code at} (the configured time zone), keeping the newest {@code keep}. */
    public record BackupSchedule(Path folder, int keep, LocalTime at) {
    }

    /** The HTTP listener on 127.0.0.1:{@code port}; /ready fails when a channel has not polled for {@code maxPollAge}. */
    public record HealthListener(int port, Duration maxPollAge) {
    }

    /**
     * Where the MAX Bot API is ({@code max.api-url}, overridden by MAX_API_URL) and how to reach it.
     *
     * @param caFile                   a PEM file of extra trusted certificates for this client only, when given
     * @param messagesPerSecondPerChat sends to one chat a second at most
     */
    public record MaxApi(String apiUrl, Optional<Path> caFile, int messagesPerSecondPerChat) {
    }
}
