package ru.tos.dutydesk.desk;

/** Puts text that people wrote into the desk's Markdown so that it shows literally, whatever it contains. */
public final class MarkdownText {
    private MarkdownText() {
    }

    /** Backslash-escapes every ASCII punctuation character, which CommonMark allows for all of them. */
    public static String literal(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && isPunctuation(c)) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
