package ru.tos.dutydesk.desk;

/**
 * Makes what a person typed safe to store, match and show: drops control and invisible formatting characters
 * (keeping line breaks), unpaired surrogates, and cuts very long texts.
 */
public final class TextSanitizer {
    /** Longest text kept; a question longer than this is almost surely pasted material. */
    public static final int MAX_LENGTH = 4000;

    private TextSanitizer() {
    }

    public record Clean(String text, boolean truncated) {
        /** True when nothing is left to read: empty, or only emoji, symbols and punctuation. */
        /** Digits, punctuation and emoji only: «5» or «2» is not a question (a number picks a choice, if any). */
        public boolean hasNoWords() {
            return text.codePoints().noneMatch(Character::isLetter);
        }
    }

    public static Clean clean(String raw) {
        if (raw == null) {
            return new Clean("", false);
        }
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        boolean truncated = false;
        int i = 0;
        while (i < raw.length()) {
            if (sb.length() >= MAX_LENGTH) {
                truncated = true;
                break;
            }
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                if (sb.length() + 2 > MAX_LENGTH) {
                    truncated = true;
                    break;
                }
                sb.append(c).append(raw.charAt(i + 1));
                i += 2;
                continue;
            }
            i++;
            if (Character.isSurrogate(c)) {
                continue;
            }
            if (c == '\n' || c == '\t') {
                sb.append(c == '\t' ? ' ' : '\n');
            } else if (c == '\r') {
                continue;
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                continue;
            } else {
                sb.append(c);
            }
        }
        return new Clean(sb.toString().strip(), truncated);
    }
}
