package ru.tos.dutydesk.knowledge;

import java.util.List;

/**
 * Groups of equivalent words and phrases from {@code faq/synonyms.txt} (one group per line, comma-separated,
 * {@code #} starts a comment). Kept as plain text groups so that the matcher can analyse them its own way.
 */
public record Synonyms(List<List<String>> groups) {
    public Synonyms {
        groups = groups.stream().map(List::copyOf).toList();
    }

    public static Synonyms none() {
        return new Synonyms(List.of());
    }
}
