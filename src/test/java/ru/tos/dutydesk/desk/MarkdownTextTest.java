package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.channel.telegram.TelegramHtmlRenderer;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramHtmlChecker;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person wrote, put into Markdown with {@link MarkdownText#literal}, reads the same on every platform. */
class MarkdownTextTest {
    private static final List<String> TEXTS = List.of(
            "Шаг 1: собрание.\nШаг 2: протокол (в 2 экз.)\nШаг 3: заявление",
            "Пункты:\n\n        отступ: a.b (c) [d]\n    - пункт, с отступом!",
            "**не жирный** _не курсив_ [не ссылка](javascript:alert(1)) <b>не тег</b> &amp; `не код`",
            "# не заголовок\n> не цитата\n1. не список\n---\n===",
            "строка с обратной косой \\\nи ещё\\");

    private final PlainTextRenderer plain = new PlainTextRenderer();
    private final TelegramHtmlRenderer html = new TelegramHtmlRenderer();

    /** Whitespace as a reader sees it: no-break spaces as spaces, no trailing spaces, one blank line at most. */
    private static String seen(String s) {
        return s.replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    @Test
    void every_character_and_every_line_of_the_text_shows_on_vk_and_telegram() throws Exception {
        for (String text : TEXTS) {
            String md = MarkdownText.literal(text);
            assertThat(seen(plain.render(md))).as("VK: %s", text).isEqualTo(seen(text));
            assertThat(seen(TelegramHtmlChecker.visibleText(html.render(md)))).as("Telegram: %s", text).isEqualTo(seen(text));
        }
    }
}
