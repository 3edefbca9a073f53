package ru.tos.dutydesk.knowledge;

import java.time.LocalDate;
import java.util.List;

/**
 * One law of {@code faq/laws.yml}.
 *
 * @param id         the short name a source line starts with ({@code 33-ФЗ}, {@code ГК РФ})
 * @param until      for an expiring law, the day it loses force; null otherwise
 * @param since      for a repealed law, the day it lost force; null otherwise
 * @param replacedBy the id of the law that replaces it, or null
 * @param aliases    other spellings found in source lines (the long form «Федеральный закон … № 131-ФЗ»)
 */
public record Law(String id, String title, String link, Status status, LocalDate until, LocalDate since,
                  String replacedBy, List<String> aliases) {
    public enum Status {
        IN_FORCE("in-force"), EXPIRING("expiring"), REPEALED("repealed");

        final String word;

        Status(String word) {
            this.word = word;
        }
    }

    public Law {
        aliases = List.copyOf(aliases);
    }

    /** The day the law changes status (loses force, or lost it), if it has one. */
    public LocalDate statusChange() {
        return status == Status.EXPIRING ? until : status == Status.REPEALED ? since : null;
    }
}
