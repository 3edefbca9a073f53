package ru.tos.dutydesk.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.desk.DeskSettings;

import java.util.Optional;

/**
 * What a freshly set-up desk says at start when Telegram is on but the consultants' side is not set up yet: the
 * example config's placeholder chat id, nobody allowed to act on tickets, nobody to see figures. Each line names the
 * config key and how to find the value ({@code /id}).
 */
final class SetupWarnings {
    private static final Logger log = LoggerFactory.getLogger(SetupWarnings.class);
    /** The consultants' chat id shipped in config/duty-desk.yml, which is no real group. */
    static final long PLACEHOLDER_CHAT_ID = -1000000000000L;

    private SetupWarnings() {
    }

    static void logFor(Optional<Long> consultantsChatId, DeskSettings settings) {
        if (consultantsChatId.isEmpty()) {
            log.warn("telegram.consultants-chat-id is not set: escalated questions are only visible with `tickets`; "
                    + "send /id in the consultants' group to learn its id");
        } else if (consultantsChatId.get() == PLACEHOLDER_CHAT_ID) {
            log.warn("telegram.consultants-chat-id is still the example value {}: cards cannot reach the consultants' "
                    + "group; send /id in that group and put the number it answers in the config", PLACEHOLDER_CHAT_ID);
        }
        if (settings.consultants().isEmpty()) {
            log.warn("telegram.consultants is empty: nobody can take, answer or close tickets; each consultant sends /id "
                    + "to the bot and their user id goes in that list");
        }
        if (settings.coordinators().isEmpty()) {
            log.info("note: telegram.coordinators is empty, so /stats and /export answer nobody (a coordinator's user id, "
                    + "from /id, goes in that list)");
        }
    }
}
