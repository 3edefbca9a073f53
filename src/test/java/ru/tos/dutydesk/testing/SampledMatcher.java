package ru.tos.dutydesk.testing;

import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;

import java.util.List;
import java.util.stream.Stream;

/**
 * For hostile-input runs: the real matcher for one question in eight, so it meets hostile text too; for the rest a
 * decision drawn from the text's hash, so that answers (real entries with their Markdown), suggestions and tickets
 * all come up often (the real matcher sends nearly all of this noise to a person) and the run stays affordable.
 */
public record SampledMatcher(KnowledgeBase base, Matcher real) implements Matcher {
    @Override
    public MatchResult match(String question) {
        int h = question.hashCode() & 0x7fffffff;
        if (h % 8 == 0) {
            return real.match(question);
        }
        List<Entry> entries = base.entries();
        Entry first = entries.get(h % entries.size());
        Entry second = entries.get((h / 7) % entries.size());
        Entry third = entries.get((h / 49) % entries.size());
        return switch ((h / 8) % 10) {
            case 0, 1, 2 -> new MatchResult(Decision.ANSWER, List.of(new Candidate(first.id(), first.title(), 0.9)));
            case 3, 4 -> new MatchResult(Decision.SUGGEST, Stream.of(first, second, third).distinct()
                    .map(e -> new Candidate(e.id(), e.title(), 0.4)).toList());
            default -> new MatchResult(Decision.ESCALATE, List.of(new Candidate(first.id(), first.title(), 0.1)));
        };
    }
}
