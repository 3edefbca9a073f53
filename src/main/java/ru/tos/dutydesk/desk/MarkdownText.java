package ru.tos.dutydesk.desk;

/** Puts text that people wrote into the desk's Markdown so that it shows literally, whatever it contains. */
public final class MarkdownText {
    private static final char NO_BREAK_SPACE = '\u00a0';

    private MarkdownText() {
    }

    /**
     * Backslash-escapes every ASCII punctuation character, which CommonMark allows for all of them. Spaces that
     * indent a line become no-break spaces, because four of them would make the line a code block (where escapes
     * show as backslashes); a line break inside a paragraph becomes a hard break, so that platforms that join
     * wrapped source lines (VK, the terminal) keep the writer's lines.
     */
    public static String literal(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                boolean breaksParagraph = i == 0 || text.charAt(i - 1) == '\n' || i + 1 >= text.length()
                        || text.charAt(i + 1) == '\n';
                if (!breaksParagraph) {
                    sb.append('\\');
                }
                sb.append(c);
                lineStart = true;
                continue;
            }
            if (lineStart && c == ' ') {
                sb.append(NO_BREAK_SPACE);
                continue;
            }
            lineStart = false;
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
