package ru.tos.dutydesk.desk;

import java.time.Duration;
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
 */
public record DeskSettings(WorkingHours hours, Duration answerWithin, Duration reannounceAfter,
                           Duration autoCloseAfter, Optional<Address> consultantsChat,
                           Set<String> consultants, Set<String> coordinators, List<String> districts,
                           DeskTexts texts) {
    public DeskSettings {
        consultants = Set.copyOf(consultants);
        coordinators = Set.copyOf(coordinators);
        districts = List.copyOf(districts);
    }

    public DeskSettings withConsultantsChat(Optional<Address> chat) {
        return new DeskSettings(hours, answerWithin, reannounceAfter, autoCloseAfter, chat, consultants, coordinators,
                districts, texts);
    }
}
