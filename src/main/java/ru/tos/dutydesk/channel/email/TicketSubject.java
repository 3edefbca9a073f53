package ru.tos.dutydesk.channel.email;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The subject of our letters: «Re: [ТОС №123] their subject», so a whole conversation stays one thread. The number
 * is for people; a letter joins a ticket by its sender's address, never by a number in its subject, which anyone
 * can type.
 */
final class TicketSubject {
    private static final Pattern NUMBER = Pattern.compile("\\[ТОС\\s*№\\s*(\\d{1,12})]");
    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*((re|fwd?|отв|ответ|пересл)\\s*(\\[\\d+])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final String NO_SUBJECT = "Ваш вопрос";

    private TicketSubject() {
    }

    /** The subject of our reply to a letter with {@code theirs}; {@code ticket} is put in when there is one. */
    static String reply(String theirs, Optional<Long> ticket) {
        String bare = NUMBER.matcher(theirs == null ? "" : theirs).replaceAll("");
        bare = REPLY_PREFIX.matcher(bare).replaceFirst("").replaceAll("\\s+", " ").strip();
        if (bare.isEmpty()) {
            bare = NO_SUBJECT;
        }
        return "Re: " + ticket.map(n -> "[ТОС №" + n + "] ").orElse("") + bare;
    }
}
