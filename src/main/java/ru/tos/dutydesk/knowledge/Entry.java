package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * One knowledge entry: a file {@code faq/<group>/<id>.md}.
 *
 * @param body the answer in Markdown, placeholders already filled in
 * @param file where it was read from, for error messages and hot reload
 * @param sourceLines the file line of each source, for {@code kb check} (empty when made in code)
 */
public record Entry(String id, String title, List<String> questions, List<String> tags, List<String> sources,
                    LocalDate reviewed, String body, Path file, List<Integer> sourceLines) {
    public Entry {
        questions = List.copyOf(questions);
        tags = List.copyOf(tags);
        sources = List.copyOf(sources);
        sourceLines = List.copyOf(sourceLines);
    }

    /** An entry made in code, whose sources have no file lines. */
    public Entry(String id, String title, List<String> questions, List<String> tags, List<String> sources,
                 LocalDate reviewed, String body, Path file) {
        this(id, title, questions, tags, sources, reviewed, body, file, List.of());
    }

    /** The file line of source {@code i}, or 0 when unknown. */
    public int sourceLine(int i) {
        return i < sourceLines.size() ? sourceLines.get(i) : 0;
    }

    /** The first paragraph of the answer: what a person sees in a list or a preview. */
    public String firstParagraph() {
        String trimmed = body.strip();
        int end = trimmed.indexOf("\n\n");
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }

    /** The body after its first paragraph, or empty when the answer is one paragraph. */
    public String rest() {
        String trimmed = body.strip();
        int end = trimmed.indexOf("\n\n");
        return end < 0 ? "" : trimmed.substring(end).strip();
    }

    /** The same entry with one more question variant (what teaching adds), for trying it before it is written. */
    public Entry withQuestion(String question) {
        List<String> more = new java.util.ArrayList<>(questions);
        more.add(question);
        return new Entry(id, title, more, tags, sources, reviewed, body, file, sourceLines);
    }
}
