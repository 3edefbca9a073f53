package ru.tos.dutydesk.knowledge;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in the knowledge files, not only the first, so that one run of {@code kb check} shows
 * the writer all there is to fix. {@link #file()} and {@link #line()} are those of the first problem.
 */
public final class KnowledgeProblems extends KnowledgeException {
    private final List<KnowledgeException> problems;

    public KnowledgeProblems(List<KnowledgeException> problems) {
        super(first(problems).file(), first(problems).line(), first(problems).getMessage());
        this.problems = List.copyOf(problems);
    }

    private static KnowledgeException first(List<KnowledgeException> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        return problems.get(0);
    }

    /** Each problem on its own, in file order, then line order. */
    public List<KnowledgeException> problems() {
        return problems;
    }

    /** One {@code file:line: problem} per line. */
    @Override
    public String getMessage() {
        return problems.stream().map(KnowledgeException::getMessage).collect(Collectors.joining("\n"));
    }
}
