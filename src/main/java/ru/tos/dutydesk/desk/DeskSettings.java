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
 */
public record DeskSettings(WorkingHours hours, Duration answerWithin, Duration reannounceAfter,
                           Duration autoCloseAfter, Optional<Address> consultantsChat,
                           Set<String> consultants, Set<String> coordinators, List<String> districts,
                           DeskTexts texts, Period reviewEvery) {
    /** Settings with the default review period ({@link ReviewSchedule#DEFAULT_REVIEW_EVERY}). */
    public DeskSettings(WorkingHours hours, Duration answerWithin, Duration reannounceAfter, Duration autoCloseAfter,
                        Optional<Address> consultantsChat, Set<String> consultants, Set<String> coordinators,
                        List<String> districts, DeskTexts texts) {
        this(hours, answerWithin, reannounceAfter, autoCloseAfter, consultantsChat, consultants, coordinators, districts,
                texts, ReviewSchedule.DEFAULT_REVIEW_EVERY);
    }

    public DeskSettings {
        consultants = Set.copyOf(consultants);
        coordinators = Set.copyOf(coordinators);
        districts = List.copyOf(districts);
    }

    public DeskSettings withConsultantsChat(Optional<Address> chat) {
        return new DeskSettings(hours, answerWithin, reannounceAfter, autoCloseAfter, chat, consultants, coordinators,
                districts, texts, reviewEvery);
    }

    public DeskSettings withReviewEvery(Period every) {
        return new DeskSettings(hours, answerWithin, reannounceAfter, autoCloseAfter, consultantsChat, consultants,
                coordinators, districts, texts, every);
    }
}
