package ru.tos.dutydesk.channel.email;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The subject of our letters: «Re: [ТОС №123] their subject», so a whole conversation stays one thread. */
final class TicketSubject {
    private static final Pattern NUMBER = Pattern.compile("\\[ТОС\\s*№\\s*(\\d{1,12})]");
    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*((re|fwd?|отв|ответ|пересл)\\s*(\\[\\d+])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final String NO_SUBJECT = "Ваш вопрос";

    private TicketSubject() {
    }

    static Optional<Long> number(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(subject);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
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
