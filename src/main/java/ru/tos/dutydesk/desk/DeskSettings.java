package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.knowledge.ReviewSchedule;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the desk needs from configuration, already validated.
 *
 * @param consultantsChat the consultants' group, if a chat platform for it is configured
 * @param consultants     platform user ids (of the consultants' chat platform) allowed to act on tickets
 * @param coordinators    Telegram user ids (config telegram.coordinators) allowed to see figures: /stats, /export
 * @param districts       municipal districts offered in the profile question
 * @param reviewEvery     how old a knowledge entry's {@code reviewed} date may get before the weekly reminder lists it
 * @param flood           how many messages one person may send before the desk pauses reading them
 * @param consoleCoordinator the person at the console has the coordinators' commands (asked for with
 *                        {@code chat --as coordinator}: whoever sits at that terminal can read the database anyway)
 * @param followUpGap     how long a ticket's next follow-up post in the consultants' chat waits after its previous
 *                        one; what the resident adds meanwhile joins it ({@link FollowUpPosts})
 */
public record DeskSettings(WorkingHours hours, Duration answerWithin, Duration reannounceAfter,
                           Duration autoCloseAfter, Optional<Address> consultantsChat,
                           Set<String> consultants, Set<String> coordinators, List<String> districts,
                           DeskTexts texts, Period reviewEvery, FloodGuard.Limits flood, boolean consoleCoordinator,
                           Duration followUpGap) {
    /** One follow-up post a minute per ticket: a twentieth of what a Telegram group takes. */
    public static final Duration DEFAULT_FOLLOW_UP_GAP = Duration.ofMinutes(1);

    public DeskSettings {
        java.util.Objects.requireNonNull(reviewEvery, "reviewEvery");
        java.util.Objects.requireNonNull(flood, "flood");
        java.util.Objects.requireNonNull(followUpGap, "followUpGap");
        consultants = Set.copyOf(consultants);
        coordinators = Set.copyOf(coordinators);
        districts = List.copyOf(districts);
    }

    /** The console user a resident, as on every platform; the default follow-up gap. */
    public DeskSettings(WorkingHours hours, Duration answerWithin, Duration reannounceAfter, Duration autoCloseAfter,
                        Optional<Address> consultantsChat, Set<String> consultants, Set<String> coordinators,
                        List<String> districts, DeskTexts texts, Period reviewEvery, FloodGuard.Limits flood) {
        this(hours, answerWithin, reannounceAfter, autoCloseAfter, consultantsChat, consultants, coordinators, districts,
                texts, reviewEvery, flood, false, DEFAULT_FOLLOW_UP_GAP);
    }

    /** With the default review period ({@link ReviewSchedule#DEFAULT_REVIEW_EVERY}) and flood limits. */
    public DeskSettings(WorkingHours hours, Duration answerWithin, Duration reannounceAfter, Duration autoCloseAfter,
                        Optional<Address> consultantsChat, Set<String> consultants, Set<String> coordinators,
                        List<String> districts, DeskTexts texts) {
        this(hours, answerWithin, reannounceAfter, autoCloseAfter, consultantsChat, consultants, coordinators, districts,
                texts, ReviewSchedule.DEFAULT_REVIEW_EVERY, FloodGuard.Limits.DEFAULT);
    }

    public DeskSettings withConsultantsChat(Optional<Address> chat) {
        return new DeskSettings(hours, answerWithin, reannounceAfter, autoCloseAfter, chat, consultants, coordinators,
                districts, texts, reviewEvery, flood, consoleCoordinator, followUpGap);
    }

    public DeskSettings withReviewEvery(Period every) {
        return new DeskSettings(hours, answerWithin, reannounceAfter, autoCloseAfter, consultantsChat, consultants,
                coordinators, districts, texts, every, flood, consoleCoordinator, followUpGap);
    }

    public DeskSettings withFlood(FloodGuard.Limits limits) {
        return new DeskSettings(hours, answerWithin, reannounceAfter, autoCloseAfter, consultantsChat, consultants,
                coordinators, districts, texts, reviewEvery, limits, consoleCoordinator, followUpGap);
    }

    public DeskSettings withConsoleCoordinator(boolean coordinator) {
        return new DeskSettings(hours, answerWithin, reannounceAfter, autoCloseAfter, consultantsChat, consultants,
                coordinators, districts, texts, reviewEvery, flood, coordinator, followUpGap);
    }

    public DeskSettings withFollowUpGap(Duration gap) {
        return new DeskSettings(hours, answerWithin, reannounceAfter, autoCloseAfter, consultantsChat, consultants,
                coordinators, districts, texts, reviewEvery, flood, consoleCoordinator, gap);
    }

    /** A coordinator: a Telegram id in {@code telegram.coordinators}, or the console user when asked for. */
    boolean isCoordinator(Person p) {
        return p.channel() == CoordinatorFlow.COORDINATORS_PLATFORM && coordinators.contains(p.platformUserId())
                || consoleCoordinator && p.channel() == Channel.CONSOLE;
    }

    /** Consultants and coordinators are never paused by the flood limit: they work with the desk. */
    boolean isStaff(Person p) {
        boolean consultant = consultantsChat.map(c -> c.channel() == p.channel()).orElse(false)
                && consultants.contains(p.platformUserId());
        return consultant || isCoordinator(p);
    }
}
