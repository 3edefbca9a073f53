package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .ics a resident gets after registering, read back by a small RFC 5545 reader of the test's own: octets per
 * line, CRLF, unfolding, unescaping, and UTC times.
 */
class CalendarFileTest {
    private static final String LONG_TITLE = "Вебинар «Ответы на вопросы»: как ТОС получить грант, отчитаться; "
            + "и не потерять\\деньги — разбор ошибок председателей, бухгалтеров и активистов ТОС в 2027 году 🙂";

    @Test
    void aLongCyrillicTitleIsFoldedAt75OctetsAndReadsBackWhole() {
        byte[] ics = CalendarFile.event("grants-2027@tos-duty-desk", Instant.parse("2026-12-17T15:00:00Z"),
                Instant.parse("2026-12-17T16:30:00Z"), LONG_TITLE, "Ссылка: https://example.org/w?a=1,b=2\nВторая строка",
                "https://example.org/w?a=1,b=2", Instant.parse("2026-12-01T09:00:00Z"));

        String raw = new String(ics, StandardCharsets.UTF_8);
        assertThat(raw).endsWith("END:VCALENDAR\r\n");
        assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        List<byte[]> physical = splitCrlf(ics);
        assertThat(physical).allSatisfy(line -> assertThat(line.length).isLessThanOrEqualTo(75));
        // every physical line is valid UTF-8 on its own: no character was cut between two lines
        for (byte[] line : physical) {
            assertThat(new String(line, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).isEqualTo(line);
        }
        assertThat(physical.stream().filter(l -> l.length > 0 && l[0] == ' ').count()).as("folded lines").isGreaterThan(2);

        Map<String, String> event = parse(ics);
        assertThat(event.get("SUMMARY")).isEqualTo(LONG_TITLE);
        assertThat(event.get("DESCRIPTION")).isEqualTo("Ссылка: https://example.org/w?a=1,b=2\nВторая строка");
        assertThat(event.get("DTSTART")).isEqualTo("20261217T150000Z");
        assertThat(event.get("DTEND")).isEqualTo("20261217T163000Z");
        assertThat(event.get("UID")).isEqualTo("grants-2027@tos-duty-desk");
        assertThat(event.get("URL")).isEqualTo("https://example.org/w?a=1,b=2");
        assertThat(event).doesNotContainKey("TZID");
        assertThat(raw).doesNotContain("TZID");
    }

    @Test
    void specialCharactersAreEscaped() {
        assertThat(CalendarFile.escape("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");
        assertThat(CalendarFile.fold("x".repeat(75))).doesNotContain("\r\n");
        assertThat(CalendarFile.fold("x".repeat(76))).isEqualTo("x".repeat(75) + "\r\n x");
        // 37 two-octet letters make 74 octets; the 38th does not fit and moves whole to the next line
        assertThat(CalendarFile.fold("ж".repeat(38))).isEqualTo("ж".repeat(37) + "\r\n ж");
    }

    /** Physical lines without their CRLF. */
    private static List<byte[]> splitCrlf(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 2;
                i++;
            }
        }
        assertThat(start).as("the file ends with CRLF").isEqualTo(bytes.length);
        return lines;
    }

    /** Unfolds (a CRLF followed by one space or tab is removed, on octets) and reads the VEVENT's properties. */
    private static Map<String, String> parse(byte[] ics) {
        java.io.ByteArrayOutputStream unfolded = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < ics.length; i++) {
            if (i + 2 < ics.length && ics[i] == '\r' && ics[i + 1] == '\n' && (ics[i + 2] == ' ' || ics[i + 2] == '\t')) {
                i += 2;
                continue;
            }
            unfolded.write(ics[i]);
        }
        String text = unfolded.toString(StandardCharsets.UTF_8);
        Map<String, String> props = new LinkedHashMap<>();
        boolean inEvent = false;
        for (String line : text.split("\r\n")) {
            if (line.equals("BEGIN:VEVENT")) {
                inEvent = true;
            } else if (line.equals("END:VEVENT")) {
                inEvent = false;
            } else if (inEvent) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon);
                props.put(name.contains(";") ? name.substring(0, name.indexOf(';')) : name,
                        name.equals("URL") ? line.substring(colon + 1) : unescape(line.substring(colon + 1)));
            }
        }
        return props;
    }

    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                sb.append(n == 'n' || n == 'N' ? '\n' : n);
            } else {
                assertThat(c).as("unescaped special character in " + v).isNotIn(',', ';');
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
