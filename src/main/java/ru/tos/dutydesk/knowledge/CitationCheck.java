package ru.tos.dutydesk.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sources of one entry against the law registry and the source rules: every law cited is registered, an
 * expiring or repealed law comes with the law that replaces it, no source is of a weak kind, and at least one
 * source is a law or an official page (or, for the desk's own entries, the association's data).
 */
final class CitationCheck {

    void check(Entry e, LawRegistry laws, SourcePolicy policy, List<KnowledgeReport.Finding> findings) {
        Map<String, Integer> citedAt = new LinkedHashMap<>();
        boolean authoritative = false;
        for (int i = 0; i < e.sources().size(); i++) {
            String source = e.sources().get(i);
            int line = e.sourceLine(i);
            Optional<String> weak = policy.weakKind(source);
            if (weak.isPresent()) {
                findings.add(error(e, line, "weak source (" + weak.get() + ", listed in sources.yml): " + source));
                continue;
            }
            Optional<Law> law = laws.cited(source);
            if (law.isPresent()) {
                citedAt.putIfAbsent(law.get().id(), line);
                authoritative = true;
            } else if (LawRegistry.looksLikeLaw(source)) {
                findings.add(error(e, line, "cites a law that is not in laws.yml: " + source));
            } else if (policy.isOfficial(source) || policy.isOwn(source)) {
                authoritative = true;
            }
        }
        for (var cited : citedAt.entrySet()) {
            Law law = laws.law(cited.getKey()).orElseThrow();
            if (law.status() != Law.Status.IN_FORCE && law.replacedBy() != null && !citedAt.containsKey(law.replacedBy())) {
                String status = law.status() == Law.Status.EXPIRING ? "loses force on " + law.until()
                        : "lost force on " + law.since();
                findings.add(error(e, cited.getValue(), "cites " + law.id() + ", which " + status
                        + ", without " + law.replacedBy() + " that replaces it"));
            }
        }
        if (!authoritative) {
            findings.add(error(e, 0, "no law and no official source (a body's site or a legal database listed in sources.yml)"));
        }
    }

    private static KnowledgeReport.Finding error(Entry e, int line, String message) {
        return new KnowledgeReport.Finding(KnowledgeReport.Severity.ERROR, e.file(), e.id(), message, line);
    }
}
