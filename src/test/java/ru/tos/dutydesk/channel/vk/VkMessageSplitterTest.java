package ru.tos.dutydesk.channel.vk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VkMessageSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertThat(new VkMessageSplitter().split("Коротко.")).containsExactly("Коротко.");
    }

    @Test
    void blankTextGivesNoParts() {
        assertThat(new VkMessageSplitter().split("  \n ")).isEmpty();
    }

    @Test
    void realLimitKeepsEveryPartUnder4000AndLosesNoWord() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            sb.append("слово").append(i).append(i % 40 == 39 ? "\n\n" : " ");
        }
        String text = sb.toString().strip();
        List<String> parts = new VkMessageSplitter().split(text);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4000));
        assertThat(String.join(" ", parts).split("\\s+")).containsExactly(text.split("\\s+"));
    }

    @Test
    void prefersParagraphThenLineThenWordBoundaries() {
        VkMessageSplitter splitter = new VkMessageSplitter(20);
        assertThat(splitter.split("первый абзац\n\nвторой абзац")).containsExactly("первый абзац", "второй абзац");
        assertThat(splitter.split("строка номер 1\nстрока номер 2")).containsExactly("строка номер 1", "строка номер 2");
        assertThat(splitter.split("один два три четыре пять шесть")).containsExactly("один два три четыре", "пять шесть");
    }

    @Test
    void aWordLongerThanTheLimitIsCutHard() {
        assertThat(new VkMessageSplitter(10).split("a".repeat(25))).containsExactly("a".repeat(10), "a".repeat(10), "a".repeat(5));
    }

    @Test
    void neverCutsASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one emoji, two chars
        String text = "a".repeat(9) + emoji + "b".repeat(5);
        List<String> parts = new VkMessageSplitter(10).split(text);
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse());
    }
}
