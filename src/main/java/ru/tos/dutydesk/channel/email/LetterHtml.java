package ru.tos.dutydesk.channel.email;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The HTML part of our letters, from the desk's Markdown. Raw HTML in the Markdown is escaped and unsafe link
 * schemes dropped (text from people reaches it escaped already; this is a second fence).
 */
final class LetterHtml {
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    String render(String markdown) {
        String body = renderer.render(parser.parse(markdown));
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                + "<body style=\"font-family: Arial, sans-serif; font-size: 15px; line-height: 1.4\">"
                + body + "</body></html>";
    }
}
