package ru.tos.dutydesk.channel.telegram;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders the desk's Markdown (CommonMark) into the subset of HTML that Telegram's HTML parse mode accepts:
 * b, i, code, pre, a href, blockquote. Lists become "• " / "1. " lines, headings bold lines, and blocks are
 * separated by a blank line (which is where {@link TelegramMessageSplitter} prefers to cut).
 * A soft line break stays a line break: in a chat a new line in the source is meant as one.
 * Raw HTML in the Markdown is shown as text, never passed through, so the output is always accepted.
 */
public final class TelegramHtmlRenderer {
    private static final Pattern SAFE_URL = Pattern.compile("(?i)^(https?://|tg://|mailto:)\\S+$");
    private static final Pattern BR = Pattern.compile("(?i)^<br\\s*/?>$");
    private static final String INDENT = "    ";

    private final Parser parser = Parser.builder().build();

    public String render(String markdown) {
        Node document = parser.parse(markdown == null ? "" : markdown);
        return String.join("\n\n", blocks(document, new Context(0, false))).strip();
    }

    private record Context(int depth, boolean inQuote) {
        Context deeper() {
            return new Context(depth + 1, inQuote);
        }

        Context quoted() {
            return new Context(depth, true);
        }
    }

    /** The rendered blocks that are children of {@code parent}; empty ones are left out. */
    private List<String> blocks(Node parent, Context ctx) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            String b = block(n, ctx);
            if (b != null && !b.isBlank()) {
                out.add(b);
            }
        }
        return out;
    }

    private String block(Node n, Context ctx) {
        if (n instanceof Paragraph) {
            return inlines(n, false);
        }
        if (n instanceof Heading) {
            String text = inlines(n, false);
            return text.isBlank() ? null : "<b>" + text + "</b>";
        }
        if (n instanceof ListBlock list) {
            return list(list, ctx);
        }
        if (n instanceof BlockQuote) {
            String inner = String.join("\n\n", blocks(n, ctx.quoted()));
            // Telegram does not nest quotes: an inner quote is shown as plain lines of the outer one
            return ctx.inQuote() || inner.isBlank() ? inner : "<blockquote>" + inner + "</blockquote>";
        }
        if (n instanceof FencedCodeBlock code) {
            return codeBlock(code.getLiteral(), ctx);
        }
        if (n instanceof IndentedCodeBlock code) {
            return codeBlock(code.getLiteral(), ctx);
        }
        if (n instanceof HtmlBlock html) {
            return TelegramHtml.escape(stripTrailingNewline(html.getLiteral()));
        }
        if (n instanceof ThematicBreak) {
            return "———";
        }
        if (n instanceof LinkReferenceDefinition) {
            return null;
        }
        // unknown (custom) blocks: render what they contain
        return String.join("\n\n", blocks(n, ctx));
    }

    private String codeBlock(String literal, Context ctx) {
        String text = stripTrailingNewline(literal);
        if (text.isBlank()) {
            return null;
        }
        // pre inside blockquote is not something to bet on: a quoted code block is shown as inline code
        String tag = ctx.inQuote() ? "code" : "pre";
        return "<" + tag + ">" + TelegramHtml.escape(text) + "</" + tag + ">";
    }

    private String list(ListBlock list, Context ctx) {
        List<String> lines = new ArrayList<>();
        int number = list instanceof OrderedList ol && ol.getMarkerStartNumber() != null ? ol.getMarkerStartNumber() : 1;
        String indent = INDENT.repeat(ctx.depth());
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? (number++) + ". " : "• ";
            StringBuilder line = new StringBuilder(indent).append(marker);
            boolean first = true;
            for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                String part = block(child, ctx.deeper());
                if (part == null || part.isBlank()) {
                    continue;
                }
                if (!first) {
                    // a nested list carries its own indentation; other blocks go under the marker
                    line.append('\n').append(child instanceof ListBlock ? "" : indent + INDENT);
                }
                line.append(part);
                first = false;
            }
            lines.add(first ? line.toString().stripTrailing() : line.toString());
        }
        return String.join("\n", lines);
    }

    private String inlines(Node parent, boolean inLink) {
        StringBuilder out = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            inline(n, out, inLink);
        }
        return out.toString();
    }

    private void inline(Node n, StringBuilder out, boolean inLink) {
        if (n instanceof Text t) {
            out.append(TelegramHtml.escape(t.getLiteral()));
        } else if (n instanceof Code c) {
            // Telegram does not allow entities inside a link's text to be code; keep it readable as text there
            out.append(inLink ? TelegramHtml.escape(c.getLiteral()) : "<code>" + TelegramHtml.escape(c.getLiteral()) + "</code>");
        } else if (n instanceof Emphasis) {
            wrap(out, "i", inlines(n, inLink));
        } else if (n instanceof StrongEmphasis) {
            wrap(out, "b", inlines(n, inLink));
        } else if (n instanceof Link link) {
            link(out, link.getDestination(), inlines(n, true), inLink);
        } else if (n instanceof Image image) {
            String alt = inlines(n, true);
            link(out, image.getDestination(), alt.isBlank() ? TelegramHtml.escape(image.getDestination()) : alt, inLink);
        } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
            out.append('\n');
        } else if (n instanceof HtmlInline html) {
            out.append(BR.matcher(html.getLiteral()).matches() ? "\n" : TelegramHtml.escape(html.getLiteral()));
        } else {
            out.append(inlines(n, inLink));
        }
    }

    private static void wrap(StringBuilder out, String tag, String inner) {
        if (inner.isEmpty()) {
            return;
        }
        out.append('<').append(tag).append('>').append(inner).append("</").append(tag).append('>');
    }

    private static void link(StringBuilder out, String destination, String text, boolean inLink) {
        String url = destination == null ? "" : destination.strip();
        String shown = text.isBlank() ? TelegramHtml.escape(url) : text;
        if (inLink || !SAFE_URL.matcher(url).matches()) {
            // a relative or odd link would be rejected or useless: show its text (and the address, if any)
            boolean showUrl = !url.isEmpty() && !text.isBlank() && !inLink && !url.startsWith("#");
            out.append(shown);
            if (showUrl) {
                out.append(" (").append(TelegramHtml.escape(url)).append(')');
            }
            return;
        }
        out.append("<a href=\"").append(TelegramHtml.escapeAttribute(url)).append("\">").append(shown).append("</a>");
    }

    private static String stripTrailingNewline(String s) {
        String r = s;
        while (r.endsWith("\n")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
