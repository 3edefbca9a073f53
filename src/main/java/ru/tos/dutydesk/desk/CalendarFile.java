package ru.tos.dutydesk.desk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A one-event iCalendar file (RFC 5545) written by hand: times in UTC ({@code ...Z}, so no VTIMEZONE is needed),
 * CRLF line ends, text escaped ({@code \\ ; ,} and newlines), and lines folded at 75 octets without splitting a
 * UTF-8 character (a Cyrillic title takes two octets a letter; libraries that fold at 75 characters get it wrong).
 */
public final class CalendarFile {
    static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String CRLF = "\r\n";

    private CalendarFile() {
    }

    /**
     * @param uid         stable across re-sends of the same event, so a calendar updates rather than duplicates it
     * @param description free text; may be empty
     * @param link        the video call's link (URL and LOCATION), may be empty
     */
    public static byte[] event(String uid, Instant start, Instant end, String summary, String description, String link,
                               Instant stamp) {
        StringBuilder sb = new StringBuilder();
        line(sb, "BEGIN:VCALENDAR");
        line(sb, "VERSION:2.0");
        line(sb, "PRODID:-//TOS online duty desk//RU");
        line(sb, "CALSCALE:GREGORIAN");
        line(sb, "METHOD:PUBLISH");
        line(sb, "BEGIN:VEVENT");
        line(sb, "UID:" + uid);
        line(sb, "DTSTAMP:" + UTC.format(stamp));
        line(sb, "DTSTART:" + UTC.format(start));
        line(sb, "DTEND:" + UTC.format(end));
        line(sb, "SUMMARY:" + escape(summary));
        if (description != null && !description.isEmpty()) {
            line(sb, "DESCRIPTION:" + escape(description));
        }
        if (link != null && !link.isEmpty()) {
            line(sb, "LOCATION:" + escape(link));
            line(sb, "URL:" + link.replaceAll("[\\r\\n]", ""));
        }
        line(sb, "END:VEVENT");
        line(sb, "END:VCALENDAR");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** TEXT value escaping (RFC 5545 §3.3.11). */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case ';' -> sb.append("\\;");
                case ',' -> sb.append("\\,");
                case '\n' -> sb.append("\\n");
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        sb.append("\\n");
                    }
                }
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Appends one content line folded at 75 octets: each continuation starts with a space, which counts. */
    private static void line(StringBuilder out, String content) {
        out.append(fold(content)).append(CRLF);
    }

    static String fold(String content) {
        StringBuilder sb = new StringBuilder(content.length() + 8);
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int size = utf8Length(cp);
            if (octets + size > MAX_OCTETS) {
                sb.append(CRLF).append(' ');
                octets = 1;
            }
            sb.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static int utf8Length(int cp) {
        if (cp < 0x80) {
            return 1;
        }
        if (cp < 0x800) {
            return 2;
        }
        return cp < 0x10000 ? 3 : 4;
    }
}
