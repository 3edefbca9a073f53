package ru.tos.dutydesk.knowledge;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Editorial checks on knowledge that is already valid: what a resident would suffer from (an answer too long for
 * one message, a first paragraph that does not fit a preview) and what would make the matcher weak.
 * Lengths are counted in UTF-16 units of the plain-text rendering, the way Telegram counts its 4096 limit.
 */
public final class KnowledgeCheck {
    public static final int MAX_FIRST_PARAGRAPH = 600;
    public static final int MAX_ANSWER = 3500;
    public static final int MIN_QUESTIONS = 6;

    private final Parser markdown = Parser.builder().build();
    private final TextContentRenderer plainText = TextContentRenderer.builder().build();
    private final CitationCheck citations = new CitationCheck();

    public KnowledgeReport check(KnowledgeBase kb) {
        return check(kb, Set.of());
    }

    /** @param requiredIds ids that must be present (the topic list); may be empty */
    public KnowledgeReport check(KnowledgeBase kb, Collection<String> requiredIds) {
        List<KnowledgeReport.Finding> findings = new ArrayList<>();
        Map<String, String> firstEntryByQuestion = new LinkedHashMap<>();
        for (Entry e : kb.entries()) {
            int first = plainLength(e.firstParagraph());
            if (first > MAX_FIRST_PARAGRAPH) {
                findings.add(error(e, "first paragraph is " + first + " characters; at most " + MAX_FIRST_PARAGRAPH
                        + " (it has to answer on its own)"));
            }
            int whole = plainLength(e.body());
            if (whole > MAX_ANSWER) {
                findings.add(error(e, "answer is " + whole + " characters as plain text; at most " + MAX_ANSWER));
            }
            if (e.questions().size() < MIN_QUESTIONS) {
                findings.add(error(e, e.questions().size() + " question variants; at least " + MIN_QUESTIONS + " are needed"));
            }
            citations.check(e, kb.laws(), kb.sourcePolicy(), findings);
            if (e.reviewed() == null) {
                findings.add(warning(e, "no 'reviewed' date"));
            }
            for (String q : e.questions()) {
                String key = q.toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("\\s+", " ").strip();
                String other = firstEntryByQuestion.putIfAbsent(key, e.id());
                if (other != null && !other.equals(e.id())) {
                    findings.add(warning(e, "question variant \"" + q + "\" is also in " + other
                            + "; the matcher cannot tell them apart"));
                }
            }
        }
        for (String id : new TreeSet<>(requiredIds)) {
            if (kb.entry(id).isEmpty()) {
                findings.add(new KnowledgeReport.Finding(KnowledgeReport.Severity.ERROR, null, id,
                        "required entry '" + id + "' is missing"));
            }
        }
        String summary = kb.size() + " entries, " + kb.synonyms().groups().size() + " synonym groups, "
                + kb.offTopic().size() + " off-topic areas, " + kb.laws().laws().size() + " laws";
        return new KnowledgeReport(findings, summary);
    }

    private int plainLength(String markdownText) {
        return plainText.render(markdown.parse(markdownText)).strip().length();
    }

    private static KnowledgeReport.Finding error(Entry e, String message) {
        return new KnowledgeReport.Finding(KnowledgeReport.Severity.ERROR, e.file(), e.id(), message);
    }

    private static KnowledgeReport.Finding warning(Entry e, String message) {
        return new KnowledgeReport.Finding(KnowledgeReport.Severity.WARNING, e.file(), e.id(), message);
    }
}
