package ru.tos.dutydesk.knowledge;

import java.time.LocalDate;
import java.util.List;

/**
 * The YAML block at the top of a knowledge file, with exactly the fields a writer may use.
 *
 * @param idLine    line of the {@code id:} key in the file, to point at it when the id is wrong
 * @param titleLine line of the {@code title:} key in the file, for placeholders in the title
 */
record FrontMatter(String id, String title, List<String> questions, List<String> tags, List<String> sources,
                   LocalDate reviewed, int idLine, int titleLine,
                   List<Integer> sourceLines) {
    static final List<String> FIELDS = List.of("id", "title", "questions", "tags", "sources", "reviewed", "taught");
}
