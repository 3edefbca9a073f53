package ru.tos.dutydesk.knowledge;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A question variant a consultant taught from the chat, as the entry's front matter records it under {@code taught:}
 * (one item {@code "case | YYYY-MM-DD | who | question"}), so that it can be reviewed and taken back.
 *
 * @param caseId the desk's learning case it came from (0 when taught outside the desk, e.g. by a replay)
 */
public record TaughtVariant(long caseId, LocalDate date, String by, String question) {
    private static final Pattern SEPARATOR = Pattern.compile(" \\| ");

    public TaughtVariant {
        // the separator must not appear inside a field that is not the last one
        by = by.replace('|', '/').strip();
        question = KnowledgeText.oneLine(question);
    }

    public String format() {
        return caseId + " | " + date + " | " + by + " | " + question;
    }

    /** Empty when the item is not in the form {@link #format} writes. */
    public static Optional<TaughtVariant> parse(String item) {
        String[] parts = SEPARATOR.split(item.strip(), 4);
        if (parts.length != 4 || parts[3].isBlank() || parts[2].isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TaughtVariant(Long.parseLong(parts[0].strip()), LocalDate.parse(parts[1].strip()),
                    parts[2], parts[3]));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
