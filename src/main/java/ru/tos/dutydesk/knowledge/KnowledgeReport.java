package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code kb check} prints about knowledge that loaded: editorial findings plus a summary line.
 *
 * @param summary e.g. {@code "42 entries, 17 synonym groups"}
 */
public record KnowledgeReport(List<Finding> findings, String summary) {
    public KnowledgeReport {
        findings = List.copyOf(findings);
    }

    public enum Severity { ERROR, WARNING }

    /**
     * One finding; {@code file} is null for findings about the whole base (a required entry is missing).
     *
     * @param line the file line it is about, or 0 for the entry as a whole
     */
    public record Finding(Severity severity, Path file, String entryId, String message, int line) {
        public Finding(Severity severity, Path file, String entryId, String message) {
            this(severity, file, entryId, message, 0);
        }

        /** {@code file:line: error: message}, the way compilers print. */
        public String format() {
            String where = file != null ? file + (line > 0 ? ":" + line : "") : entryId != null ? entryId : "knowledge";
            return where + ": " + severity.name().toLowerCase() + ": " + message;
        }
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }

    /** The lines to print: each finding, then the summary. */
    public List<String> lines() {
        return Stream.concat(findings.stream().map(Finding::format), Stream.of(summary)).toList();
    }
}
