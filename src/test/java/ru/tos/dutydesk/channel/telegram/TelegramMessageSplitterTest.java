package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramHtmlChecker;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramMessageSplitterTest {

    private static String shown(String html) throws Exception {
        return TelegramHtmlChecker.visibleText(html);
    }

    private static List<String> shownParts(List<String> parts) throws Exception {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            out.add(shown(p));
        }
        return out;
    }

    @Test
    void shortTextIsOnePart() {
        assertThat(new TelegramMessageSplitter().split("<b>Да</b>, можно.")).containsExactly("<b>Да</b>, можно.");
    }

    @Test
    void emptyTextGivesNoParts() {
        assertThat(new TelegramMessageSplitter().split("  \n\n ")).isEmpty();
    }

    @Test
    void splitsAtParagraphsUnderTheLimitCountingVisibleCharacters() throws Exception {
        String para = "<b>Абзац</b> &amp; текст " + "слово ".repeat(60).strip(); // ~380 visible characters
        String html = String.join("\n\n", java.util.Collections.nCopies(30, para));
        List<String> parts = new TelegramMessageSplitter().split(html);
        assertThat(parts).hasSizeGreaterThan(2);
        for (String p : parts) {
            assertThat(shown(p).length()).isLessThanOrEqualTo(4096);
            assertThat(p).startsWith("<b>Абзац</b>"); // each part begins with a whole paragraph
        }
        assertThat(String.join("\n\n", shownParts(parts))).isEqualTo(shown(html));
    }

    @Test
    void escapedCharactersCountAsOne() throws Exception {
        String html = "&lt;".repeat(4000); // 16000 raw characters, 4000 visible
        assertThat(new TelegramMessageSplitter().split(html)).hasSize(1);
    }

    @Test
    void oneGiantBoldBlockIsCutWithTagsClosedAndReopened() throws Exception {
        String html = "<b>" + "длинное слово ".repeat(700).strip() + "</b>"; // ~9800 visible
        List<String> parts = new TelegramMessageSplitter().split(html);
        assertThat(parts).hasSize(3);
        for (String p : parts) {
            assertThat(p).startsWith("<b>").endsWith("</b>");
            assertThat(shown(p).length()).isLessThanOrEqualTo(4096);
            assertThat(shown(p)).matches("(?s)(длинное|слово) .* (длинное|слово)"); // cut between whole words
        }
        assertThat(String.join(" ", shownParts(parts))).isEqualTo(shown(html));
    }

    @Test
    void textWithoutSpacesIsCutHardButNeverInsideASurrogatePairOrEntity() throws Exception {
        String html = "<a href=\"https://e.org/?a=1&amp;b=2\">" + "😀&amp;x".repeat(2000) + "</a>"; // 4 units each
        List<String> parts = new TelegramMessageSplitter(100).split(html);
        StringBuilder joined = new StringBuilder();
        for (String p : parts) {
            String s = shown(p);
            assertThat(s.length()).isLessThanOrEqualTo(100);
            assertThat(Character.isHighSurrogate(s.charAt(s.length() - 1))).isFalse();
            assertThat(p).startsWith("<a href=\"https://e.org/?a=1&amp;b=2\">").endsWith("</a>");
            joined.append(s);
        }
        assertThat(joined.toString()).isEqualTo(shown(html));
    }

    @Test
    void prefersLineBreaksOverWords() throws Exception {
        String line = "строка " + "x".repeat(40);
        String html = String.join("\n", java.util.Collections.nCopies(10, line)); // no blank lines
        List<String> parts = new TelegramMessageSplitter(100).split(html);
        for (String p : parts) {
            assertThat(shown(p)).startsWith("строка").endsWith("x");
        }
    }

    @Test
    void cutInsidePreKeepsBothPartsValid() throws Exception {
        String html = "Код:\n\n<pre>" + "line &lt;tag&gt;\n".repeat(50) + "</pre>\n\nКонец.";
        List<String> parts = new TelegramMessageSplitter(200).split(html); // 565 visible
        assertThat(parts).hasSize(3);
        for (String p : parts) {
            assertThat(shown(p).length()).isLessThanOrEqualTo(200);
            assertThat(shown(p)).doesNotStartWith("\n").doesNotEndWith("\n");
        }
        assertThat(parts.get(1)).startsWith("<pre>line &lt;tag&gt;").endsWith("</pre>");
        assertThat(String.join("\n", shownParts(parts))).isEqualTo(shown(html));
    }
}
