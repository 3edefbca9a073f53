package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * One knowledge entry: a file {@code faq/<group>/<id>.md}.
 *
 * @param body the answer in Markdown, placeholders already filled in
 * @param file where it was read from, for error messages and hot reload
 */
public record Entry(String id, String title, List<String> questions, List<String> tags, List<String> sources,
                    LocalDate reviewed, String body, Path file) {
    public Entry {
        questions = List.copyOf(questions);
        tags = List.copyOf(tags);
        sources = List.copyOf(sources);
    }

    /** The first paragraph of the answer: what a person sees in a list or a preview. */
    public String firstParagraph() {
        String trimmed = body.strip();
        int end = trimmed.indexOf("\n\n");
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }
}
