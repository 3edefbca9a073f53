package ru.tos.dutydesk.channel;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Link;
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

/**
 * Renders the desk's Markdown as readable plain text, for platforms without formatting (VK, the terminal):
 * paragraphs separated by a blank line, "• " bullets, numbered lists, links as "text (url)", emphasis markers
 * dropped, code kept verbatim. Thread-safe: the commonmark parser is immutable.
 */
public final class PlainTextRenderer {
    private static final String BULLET = "• ";
    private static final String QUOTE = "> ";
    private static final String RULE = "———";

    private final Parser parser = Parser.builder().build();

    public String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String text = blocks(parser.parse(markdown), "\n\n");
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private String blocks(Node parent, String separator) {
        List<String> parts = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            String block = block(n);
            if (!block.isEmpty()) {
                parts.add(block);
            }
        }
        return String.join(separator, parts);
    }

    private String block(Node node) {
        if (node instanceof Paragraph || node instanceof Heading) {
            return inline(node).strip();
        }
        if (node instanceof BulletList list) {
            return items(list, false, 0);
        }
        if (node instanceof OrderedList list) {
            Integer start = list.getMarkerStartNumber();
            return items(list, true, start == null ? 1 : start);
        }
        if (node instanceof BlockQuote) {
            String inner = blocks(node, "\n\n");
            return QUOTE + inner.replace("\n", "\n" + QUOTE);
        }
        if (node instanceof FencedCodeBlock code) {
            return stripTrailingNewlines(code.getLiteral());
        }
        if (node instanceof IndentedCodeBlock code) {
            return stripTrailingNewlines(code.getLiteral());
        }
        if (node instanceof ThematicBreak) {
            return RULE;
        }
        if (node instanceof HtmlBlock html) {
            // written by a knowledge author, not a resident: keep it rather than lose content
            return html.getLiteral().strip();
        }
        if (node instanceof LinkReferenceDefinition) {
            return "";
        }
        return blocks(node, "\n\n");
    }

    private String items(Node list, boolean numbered, int start) {
        List<String> lines = new ArrayList<>();
        int number = start;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = numbered ? (number++) + ". " : BULLET;
            String body = blocks(item, "\n");
            // continuation lines line up under the item's text
            lines.add(marker + body.replace("\n", "\n" + " ".repeat(marker.length())));
        }
        return String.join("\n", lines);
    }

    private String inline(Node parent) {
        StringBuilder out = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            appendInline(n, out);
        }
        return out.toString();
    }

    private static boolean isBoldLeadLine(Node beforeBreak) {
        return beforeBreak instanceof StrongEmphasis && beforeBreak.getPrevious() == null;
    }

    private void appendInline(Node node, StringBuilder out) {
        if (node instanceof Text text) {
            out.append(text.getLiteral());
        } else if (node instanceof Code code) {
            out.append(code.getLiteral());
        } else if (node instanceof SoftLineBreak) {
            // a line wrapped in the source file, not a break the author meant; but a bold first line is a small
            // heading (**Шаг 1. …** then its text), which run together would read as one broken sentence
            out.append(isBoldLeadLine(node.getPrevious()) ? '\n' : ' ');
        } else if (node instanceof HardLineBreak) {
            out.append('\n');
        } else if (node instanceof Link link) {
            out.append(link(inline(link), link.getDestination()));
        } else if (node instanceof Image image) {
            out.append(link(inline(image), image.getDestination()));
        } else if (node instanceof HtmlInline html) {
            out.append(html.getLiteral());
        } else {
            // emphasis, strong emphasis and anything unknown: the words without the markers
            out.append(inline(node));
        }
    }

    static String link(String text, String destination) {
        String label = text.strip();
        if (destination == null || destination.isBlank()) {
            return label;
        }
        if (label.isEmpty() || sameTarget(label, destination)) {
            return shown(destination);
        }
        return label + " (" + destination + ")";
    }

    /** "info@example.org" for "mailto:info@example.org": the scheme says nothing to a reader. */
    private static String shown(String destination) {
        for (String scheme : List.of("mailto:", "tel:")) {
            if (destination.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return destination.substring(scheme.length());
            }
        }
        return destination;
    }

    private static boolean sameTarget(String label, String destination) {
        String a = normalise(label);
        String b = normalise(destination);
        return a.equals(b);
    }

    private static String normalise(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        for (String prefix : List.of("mailto:", "tel:", "https://", "http://", "www.")) {
            if (t.startsWith(prefix)) {
                t = t.substring(prefix.length());
            }
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
