package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramHtmlChecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class TelegramHtmlRendererTest {
    private final TelegramHtmlRenderer renderer = new TelegramHtmlRenderer();

    /** What Telegram would show, checked by the emulator's own independent parser (throws on bad HTML). */
    private String shown(String markdown) throws Exception {
        return TelegramHtmlChecker.visibleText(renderer.render(markdown));
    }

    @Test
    void escapesAngleBracketsAndAmpersands() throws Exception {
        String html = renderer.render("Если сумма < 500 & срок > 3 дней, пишите: a<b>c</b> &amp; AT&T");
        assertThat(html).doesNotContain("<b>c</b>").contains("&lt;").contains("&amp;").contains("&gt;");
        assertThat(shown("Если сумма < 500 & срок > 3 дней, пишите: a<b>c</b> &amp; AT&T"))
                .isEqualTo("Если сумма < 500 & срок > 3 дней, пишите: a<b>c</b> & AT&T");
    }

    @Test
    void rendersEmphasisCodeAndLinks() {
        String html = renderer.render("**Важно**: *срок* — `30 дней`, см. [закон](https://example.org/a?x=1&y=\"2\")");
        assertThat(html).isEqualTo("<b>Важно</b>: <i>срок</i> — <code>30 дней</code>, см. "
                + "<a href=\"https://example.org/a?x=1&amp;y=&quot;2&quot;\">закон</a>");
    }

    @Test
    void quoteInHrefIsEscaped() {
        String html = renderer.render("<https://example.org/?q=a\"b>");
        assertThat(html).isEqualTo("<a href=\"https://example.org/?q=a&quot;b\">https://example.org/?q=a\"b</a>");
        String raw = renderer.render("[x](<https://e.org/a\"b>)");
        assertThat(raw).doesNotContain("a\"b\"").satisfies(h -> assertThatCode(() -> TelegramHtmlChecker.visibleText(h)).doesNotThrowAnyException());
    }

    @Test
    void unsafeOrRelativeLinksBecomeText() throws Exception {
        assertThat(renderer.render("[нажми](javascript:alert(1))")).doesNotContain("<a");
        assertThat(shown("[устав](docs/charter.md)")).isEqualTo("устав (docs/charter.md)");
    }

    @Test
    void headingsBoldListsAndParagraphs() throws Exception {
        String md = """
                # Как создать ТОС

                Первый абзац.

                - собрание
                - устав
                  - регистрация

                3. третий
                4. четвёртый
                """;
        String html = renderer.render(md);
        assertThat(html).startsWith("<b>Как создать ТОС</b>\n\nПервый абзац.\n\n• собрание\n• устав\n    • регистрация\n\n3. третий\n4. четвёртый");
        assertThat(shown(md)).contains("• устав");
    }

    @Test
    void codeBlocksAreEscapedPre() throws Exception {
        String html = renderer.render("```\nif (a < b && c > d) { }\n```");
        assertThat(html).isEqualTo("<pre>if (a &lt; b &amp;&amp; c &gt; d) { }</pre>");
        assertThat(shown("```\n<script>\n```")).isEqualTo("<script>");
    }

    @Test
    void quotesDoNotNest() throws Exception {
        String html = renderer.render("> внешняя\n>\n> > внутренняя");
        assertThat(html).isEqualTo("<blockquote>внешняя\n\nвнутренняя</blockquote>");
        assertThat(shown("> a\n> > b")).contains("b");
    }

    @Test
    void rawHtmlInMarkdownIsShownNotInterpreted() throws Exception {
        assertThat(shown("<div>блок</div>\n\nтекст <span>x</span><br>дальше"))
                .isEqualTo("<div>блок</div>\n\nтекст <span>x</span>\nдальше");
    }

    @Test
    void softLineBreakStaysALineBreak() {
        assertThat(renderer.render("Имя: Иван\nРайон: Первый")).isEqualTo("Имя: Иван\nРайон: Первый");
    }

    @ParameterizedTest
    @ValueSource(strings = {"**незакрытый", "a_b_c *x", "[a](", "`код", "<<>>&&;;", "&lt;не сущность&gt;", "*a **b* c**",
            "![картинка](https://e.org/p.png)", "1. a\n\n   ```\n   x<y\n   ```", "> - a\n> - <b>", "ура 😀 &#128512;",
            "\\*звёздочки\\*", "_<i>_", "[**жирная** ссылка](https://e.org)", "---", "    отступ < код"})
    void anyMarkdownGivesHtmlTelegramAccepts(String md) {
        assertThatCode(() -> shown(md)).doesNotThrowAnyException();
    }

    @Test
    void entityLookingTextStaysLiteral() throws Exception {
        // the desk escapes people's text as Markdown, not HTML: "&lt;" typed by a person must arrive as "&lt;"
        assertThat(shown("пишу \\&lt; буквально")).isEqualTo("пишу &lt; буквально");
    }
}
