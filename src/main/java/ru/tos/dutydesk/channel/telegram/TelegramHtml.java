package ru.tos.dutydesk.channel.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * The small piece of Telegram's HTML parse mode that our renderer emits: escaping, and reading our own output
 * back as a sequence of atoms (tags and visible characters) so it can be measured, split and turned into plain text.
 * Only input produced by {@link TelegramHtmlRenderer} (or equally well-formed) is expected here.
 */
public final class TelegramHtml {

    private TelegramHtml() {
    }

    /** Escapes text for Telegram HTML: {@code &} first, then {@code <} and {@code >}. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes an attribute value written inside double quotes. */
    public static String escapeAttribute(String value) {
        return escape(value).replace("\"", "&quot;");
    }

    /** How many characters Telegram counts: UTF-16 code units of the visible text. */
    public static int visibleLength(String html) {
        int n = 0;
        for (Atom a : atoms(html)) {
            n += a.visibleLength();
        }
        return n;
    }

    /** The text a reader sees, without any markup: for sending a part again without a parse mode. */
    public static String toPlainText(String html) {
        StringBuilder out = new StringBuilder(html.length());
        for (Atom a : atoms(html)) {
            if (a instanceof Visible v) {
                out.append(v.text());
            }
        }
        return out.toString().strip();
    }

    /** One piece of HTML: a tag or one visible code point (maybe written as an entity). */
    sealed interface Atom permits Tag, Visible {
        String raw();

        int visibleLength();
    }

    /** An opening or closing tag; {@code name} is lower case. */
    record Tag(String raw, String name, boolean closing) implements Atom {
        @Override
        public int visibleLength() {
            return 0;
        }
    }

    /** One visible code point; {@code text} is what it shows as. */
    record Visible(String raw, String text) implements Atom {
        @Override
        public int visibleLength() {
            return text.length();
        }

        boolean isWhitespace() {
            return text.isBlank();
        }
    }

    static List<Atom> atoms(String html) {
        List<Atom> atoms = new ArrayList<>(html.length());
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    // not our output; treat as text so nothing is lost
                    atoms.add(new Visible("&lt;", "<"));
                    i++;
                    continue;
                }
                String raw = html.substring(i, end + 1);
                boolean closing = raw.startsWith("</");
                String inner = raw.substring(closing ? 2 : 1, raw.length() - 1).trim();
                int sp = indexOfSpace(inner);
                String name = (sp < 0 ? inner : inner.substring(0, sp)).toLowerCase(java.util.Locale.ROOT);
                atoms.add(new Tag(raw, name, closing));
                i = end + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                String text = semi < 0 ? null : decodeEntity(html.substring(i + 1, semi));
                if (text == null) {
                    atoms.add(new Visible("&amp;", "&"));
                    i++;
                } else {
                    atoms.add(new Visible(html.substring(i, semi + 1), text));
                    i = semi + 1;
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < html.length() && Character.isLowSurrogate(html.charAt(i + 1))) {
                String pair = html.substring(i, i + 2);
                atoms.add(new Visible(pair, pair));
                i += 2;
            } else {
                String s = String.valueOf(c);
                atoms.add(new Visible(s, s));
                i++;
            }
        }
        return atoms;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String decodeEntity(String name) {
        switch (name) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            default:
                break;
        }
        if (name.length() > 1 && name.charAt(0) == '#') {
            try {
                int cp = name.charAt(1) == 'x' || name.charAt(1) == 'X'
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
