package ru.tos.dutydesk.cli;

/**
 * A start-up error is one line on stderr, so that it is what a service manager's status, a log search or a
 * glance at the terminal shows; a message listing several problems one per line is folded to fit.
 */
final class OneLine {
    private OneLine() {
    }

    /** Every line, joined with "; " (for lists that are short, such as config problems). */
    static String joined(String message) {
        return String.join("; ", message.strip().split("\\R+"));
    }

    /** The first line and how many more there are (for lists that may be long, such as knowledge problems). */
    static String firstOf(String message, String whereTheRestIs) {
        String[] lines = message.strip().split("\\R+");
        if (lines.length == 1) {
            return lines[0];
        }
        int more = lines.length - 1;
        return lines[0] + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ": " + whereTheRestIs + ")";
    }
}
