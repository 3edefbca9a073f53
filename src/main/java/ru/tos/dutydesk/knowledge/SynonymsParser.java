package ru.tos.dutydesk.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code faq/synonyms.txt}: one group of equivalent terms per line, separated by commas; {@code #} starts
 * a comment; blank lines are ignored. Terms are lower-cased and their inner spaces collapsed; any further
 * normalisation (ё, stemming) is the matcher's.
 */
public final class SynonymsParser {

    /**
     * @return the groups, or {@link Synonyms#none()} if the file does not exist
     * @throws KnowledgeProblems listing every bad line
     */
    public Synonyms parse(Path file) {
        if (!Files.exists(file)) {
            return Synonyms.none();
        }
        List<KnowledgeException> problems = new ArrayList<>();
        Synonyms synonyms = parse(file, problems);
        if (!problems.isEmpty()) {
            throw new KnowledgeProblems(problems);
        }
        return synonyms;
    }

    Synonyms parse(Path file, List<KnowledgeException> problems) {
        return KnowledgeText.read(file, problems).map(text -> parse(file, text, problems)).orElse(Synonyms.none());
    }

    Synonyms parse(Path file, String text, List<KnowledgeException> problems) {
        List<List<String>> groups = new ArrayList<>();
        String[] lines = text.replace("\uFEFF", "").split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int hash = lines[i].indexOf('#');
            String content = (hash < 0 ? lines[i] : lines[i].substring(0, hash)).strip();
            if (content.isEmpty()) {
                continue;
            }
            int line = i + 1;
            List<String> terms = new ArrayList<>();
            boolean emptyTerm = false;
            for (String raw : content.split(",", -1)) {
                String term = raw.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                if (term.isEmpty()) {
                    emptyTerm = true;
                } else if (!terms.contains(term)) {
                    terms.add(term);
                }
            }
            if (emptyTerm) {
                problems.add(new KnowledgeException(file, line, "empty term (two commas in a row, or a comma at an end)"));
            } else if (terms.size() < 2) {
                problems.add(new KnowledgeException(file, line,
                        "a group needs at least two different terms separated by commas"));
            } else {
                groups.add(terms);
            }
        }
        return new Synonyms(groups);
    }
}
