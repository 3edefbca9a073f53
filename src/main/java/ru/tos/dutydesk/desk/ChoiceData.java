package ru.tos.dutydesk.desk;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data carried by the desk's buttons. Short (Telegram allows 64 bytes), and parsed strictly: anything that
 * does not parse is a forged or stale button and is refused.
 */
public record ChoiceData(Kind kind, long number, String arg) {
    private static final Pattern FORMAT = Pattern.compile("([a-z]):(\\d{1,18})(?::([a-z0-9-]{1,40}))?");

    public enum Kind {
        /** a: consultation, entry id — a suggested entry was picked */
        PICK('a'),
        /** h: consultation, y|n — «Помогло?» */
        HELPFUL('h'),
        /** x: consultation — none of the suggestions fits */
        NONE_FITS('x'),
        /** t: ticket — a consultant takes it */
        TAKE('t'),
        /** c: ticket — a consultant closes it */
        CLOSE('c'),
        /** d: index in the district list (0 = skip, list index + 1; last + 1 = другой) */
        DISTRICT('d'),
        /** r: index in the role list (0 = skip) */
        ROLE('r'),
        /** f: 1 = erase my data, 0 = keep */
        FORGET('f'),
        /** w: ticket — the resident withdraws it («Вопрос снят») */
        WITHDRAW('w'),
        /** m: consultation, entry id — «Подробнее»: the rest of that answer (both in the data, so it outlives a restart) */
        MORE('m'),
        /** l: learning case, entry id — a consultant teaches the case's question to that entry */
        TEACH('l'),
        /** g: learning case — a consultant starts a draft entry from the case */
        DRAFT('g'),
        /** p: 0 — the list of coming webinars and consultations */
        EVENTS('p'),
        /** e: 1 = register, 0 = cancel; webinar id */
        WEBINAR('e'),
        /** q: 0 — the free video consultation slots of the coming two weeks */
        SLOTS('q'),
        /** v: 1 = book, 0 = cancel; slot id */
        SLOT('v'),
        /** n: 1 = tell me about events, 0 = stop */
        NEWS('n'),
        /** o: 0, webinar id — staff: the attendance list of a webinar */
        ATTENDANCE('o'),
        /** k: user id, webinar id — staff: that person came (tapped again: did not) */
        ATTENDED('k'),
        /** b: 1 = held, 0 = did not take place, 2 = ask with both buttons; slot id — staff: a booked video consultation */
        HELD('b');

        private final char code;

        Kind(char code) {
            this.code = code;
        }
    }

    public static Choice of(String label, Kind kind, long number) {
        return new Choice(label, kind.code + ":" + number);
    }

    public static Choice of(String label, Kind kind, long number, String arg) {
        return new Choice(label, kind.code + ":" + number + ":" + arg);
    }

    public static Optional<ChoiceData> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(data);
        if (!m.matches()) {
            return Optional.empty();
        }
        char code = m.group(1).charAt(0);
        for (Kind k : Kind.values()) {
            if (k.code == code) {
                return Optional.of(new ChoiceData(k, Long.parseLong(m.group(2)), m.group(3)));
            }
        }
        return Optional.empty();
    }
}
