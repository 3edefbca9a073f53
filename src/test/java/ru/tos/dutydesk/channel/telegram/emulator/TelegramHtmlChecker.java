package ru.tos.dutydesk.channel.telegram.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Parses text in HTML parse mode the way Telegram does and returns what a reader sees, or fails with Telegram's
 * description (offsets are UTF-8 byte offsets, as Telegram reports them). Written independently of the production
 * renderer so that tests check it rather than agree with it.
 *
 * <p>One deliberate difference: Telegram passes a bare {@code &} that starts no entity through as text; the emulator
 * rejects it, because in our output it can only mean a missed escape (and "&amp;lt;" vs "&lt;" bugs show as wrong
 * text rather than errors otherwise).
 */
public final class TelegramHtmlChecker {
    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "blockquote", "tg-spoiler", "span", "tg-emoji");

    /** The text is not acceptable HTML; the message is Telegram's description after "can't parse entities: ". */
    public static final class ParseError extends Exception {
        ParseError(String message) {
            super(message);
        }
    }

    private TelegramHtmlChecker() {
    }

    public static String visibleText(String html) throws ParseError {
        StringBuilder out = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '&') {
                int semi = html.indexOf(';', i);
                String decoded = semi < 0 || semi - i > 10 ? null : decode(html.substring(i + 1, semi));
                if (decoded == null) {
                    throw new ParseError("Unsupported HTML entity at byte offset " + byteOffset(html, i));
                }
                out.append(decoded);
                i = semi + 1;
            } else if (c == '>') {
                // Telegram takes a lone '>' as text; it is still wrong in our output, but accepted there
                out.append(c);
                i++;
            } else if (c != '<') {
                out.append(c);
                i++;
            } else if (i + 1 < html.length() && html.charAt(i + 1) == '/') {
                i = endTag(html, i, open);
            } else {
                i = startTag(html, i, open);
            }
        }
        if (!open.isEmpty()) {
            throw new ParseError("Can't find end tag corresponding to start tag \"" + open.peekLast() + "\"");
        }
        return out.toString().strip();
    }

    private static int startTag(String html, int begin, Deque<String> open) throws ParseError {
        int i = begin + 1;
        while (i < html.length() && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
            i++;
        }
        if (i >= html.length()) {
            throw new ParseError("Unclosed start tag at byte offset " + byteOffset(html, begin));
        }
        String name = html.substring(begin + 1, i).toLowerCase(Locale.ROOT);
        if (!TAGS.contains(name)) {
            throw new ParseError("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(html, begin));
        }
        // attributes: name="value" | name='value' | name=value | name
        while (i < html.length() && html.charAt(i) != '>') {
            char c = html.charAt(i);
            if (c == '"' || c == '\'') {
                int close = html.indexOf(c, i + 1);
                if (close < 0) {
                    throw new ParseError("Unclosed start tag at byte offset " + byteOffset(html, begin));
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        if (i >= html.length()) {
            throw new ParseError("Unclosed start tag at byte offset " + byteOffset(html, begin));
        }
        if (name.equals("a") && !html.substring(begin, i).contains("href")) {
            throw new ParseError("Tag \"a\" must have attribute \"href\" at byte offset " + byteOffset(html, begin));
        }
        if (name.equals("blockquote") && open.contains("blockquote")) {
            throw new ParseError("Blockquote entities can't be nested at byte offset " + byteOffset(html, begin));
        }
        open.addLast(name);
        return i + 1;
    }

    private static int endTag(String html, int begin, Deque<String> open) throws ParseError {
        if (open.isEmpty()) {
            throw new ParseError("Unexpected end tag at byte offset " + byteOffset(html, begin));
        }
        int i = begin + 2;
        while (i < html.length() && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
            i++;
        }
        String name = html.substring(begin + 2, i).toLowerCase(Locale.ROOT);
        while (i < html.length() && Character.isWhitespace(html.charAt(i))) {
            i++;
        }
        if (i >= html.length() || html.charAt(i) != '>') {
            throw new ParseError("Unclosed end tag at byte offset " + byteOffset(html, begin));
        }
        String expected = open.peekLast();
        if (!name.isEmpty() && !name.equals(expected)) {
            throw new ParseError("Unmatched end tag at byte offset " + byteOffset(html, begin) + ", expected \"</"
                    + expected + ">\", found \"</" + name + ">\"");
        }
        open.removeLast();
        return i + 1;
    }

    private static String decode(String entity) {
        switch (entity) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            default:
                break;
        }
        if (entity.length() > 1 && entity.charAt(0) == '#') {
            try {
                int cp = entity.charAt(1) == 'x' || entity.charAt(1) == 'X'
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static int byteOffset(String s, int charIndex) {
        return s.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }
}
