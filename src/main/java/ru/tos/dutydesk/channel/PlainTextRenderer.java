package ru.tos.dutydesk.channel;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/** The desk's Markdown as readable plain text. */
public final class PlainTextRenderer {
    private final Parser parser = Parser.builder().build();
    private final TextContentRenderer renderer = TextContentRenderer.builder().build();

    public String render(String markdown) {
        return renderer.render(parser.parse(markdown)).strip();
    }
}
