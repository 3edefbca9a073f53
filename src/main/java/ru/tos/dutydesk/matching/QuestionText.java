package ru.tos.dutydesk.matching;

/** Makes any user text safe to analyse: no nulls, no control characters, bounded length. */
public final class QuestionText {
    /** Longer questions are cut: no real question needs more, and analysis time grows with length. */
    public static final int MAX_CHARS = 1000;

    private QuestionText() {
    }

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        int end = Math.min(text.length(), MAX_CHARS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder sb = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\uFEFF' ? ' ' : c);
        }
        return sb.toString().strip();
    }
}
