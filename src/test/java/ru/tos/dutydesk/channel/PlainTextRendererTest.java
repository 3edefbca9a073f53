package ru.tos.dutydesk.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextRendererTest {
    private final PlainTextRenderer renderer = new PlainTextRenderer();

    @Test
    void paragraphsAreSeparatedByABlankLineAndWrappedLinesJoined() {
        String md = "Первый абзац,\nперенесённый в файле.\n\nВторой абзац.";
        assertThat(renderer.render(md)).isEqualTo("Первый абзац, перенесённый в файле.\n\nВторой абзац.");
    }

    @Test
    void aBoldFirstLineStaysOnItsOwnLineAsASmallHeading() {
        String md = "**Шаг 0. Найдите местные правила**\nПоложение о ТОС есть на сайте.\n\nТекст с **жирным**\nпереносом.";
        assertThat(renderer.render(md)).isEqualTo(
                "Шаг 0. Найдите местные правила\nПоложение о ТОС есть на сайте.\n\nТекст с жирным переносом.");
    }

    @Test
    void emphasisMarkersAreRemovedButWordsKept() {
        assertThat(renderer.render("Это **важно** и *срочно*, а `131-ФЗ` остаётся"))
                .isEqualTo("Это важно и срочно, а 131-ФЗ остаётся");
    }

    @Test
    void bulletAndNumberedListsAreReadable() {
        String md = "Нужно:\n\n- устав\n- протокол собрания\n\n3. первый\n4. второй";
        assertThat(renderer.render(md)).isEqualTo("Нужно:\n\n• устав\n• протокол собрания\n\n3. первый\n4. второй");
    }

    @Test
    void nestedListItemsAreIndentedUnderTheirParent() {
        String md = "- документы\n  - устав\n  - протокол\n- заявление";
        assertThat(renderer.render(md)).isEqualTo("• документы\n  • устав\n  • протокол\n• заявление");
    }

    @Test
    void linksKeepTheirAddress() {
        assertThat(renderer.render("См. [сайт ассоциации](https://example.org/docs)."))
                .isEqualTo("См. сайт ассоциации (https://example.org/docs).");
    }

    @Test
    void aLinkWhoseTextIsItsAddressShowsTheAddressOnce() {
        assertThat(renderer.render("[https://example.org](https://example.org) и <https://vk.com/tos>"))
                .isEqualTo("https://example.org и https://vk.com/tos");
        assertThat(renderer.render("Пишите: <info@example.org>")).isEqualTo("Пишите: info@example.org");
    }

    @Test
    void headingsBecomeTheirOwnParagraph() {
        assertThat(renderer.render("## Как создать ТОС\nСначала собрание.")).isEqualTo("Как создать ТОС\n\nСначала собрание.");
    }

    @Test
    void codeBlocksAreKeptVerbatim() {
        String md = "Пример:\n\n```\nстрока 1\n  строка 2\n```";
        assertThat(renderer.render(md)).isEqualTo("Пример:\n\nстрока 1\n  строка 2");
    }

    @Test
    void escapedPunctuationFromPeopleComesOutAsTyped() {
        assertThat(renderer.render("Житель пишет: \\*не\\* \\_работает\\_ \\<b\\>")).isEqualTo("Житель пишет: *не* _работает_ <b>");
    }

    @Test
    void hardLineBreaksAreKeptAndBlankInputGivesNothing() {
        assertThat(renderer.render("строка\\\nследующая")).isEqualTo("строка\nследующая");
        assertThat(renderer.render("  ")).isEmpty();
        assertThat(renderer.render(null)).isEmpty();
    }

    @Test
    void quotesAreMarked() {
        assertThat(renderer.render("> цитата\n> дальше")).isEqualTo("> цитата дальше");
    }
}
