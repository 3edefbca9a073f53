package ru.tos.dutydesk.matching;

import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.eval.EvalRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Refuses a taught variant that would take over other entries' questions. The variant is tried on a matcher built
 * with it; every other entry's own variants, and the rows of the evaluation files, are asked again. A question is
 * pulled when the taught entry now comes first for it and either it was another entry's before (its own, or the
 * one that was right) or the desk would now answer it at once with the taught entry although it belongs elsewhere
 * (or to no entry at all).
 */
public final class VariantGuard {
    /** How many pulled questions a refusal names. */
    public static final int SHOWN = 3;

    private final Function<KnowledgeBase, Matcher> build;
    private final List<EvalRow> evalRows;

    /**
     * @param build    the desk's matcher over a knowledge base
     * @param evalRows evaluation questions with their expected entries (empty when none are configured)
     */
    public VariantGuard(Function<KnowledgeBase, Matcher> build, List<EvalRow> evalRows) {
        this.build = build;
        this.evalRows = List.copyOf(evalRows);
    }

    /** A question the variant would take from {@code owner} ({@code -}: a question for a person). */
    public record Pulled(String question, String owner) {
    }

    /**
     * @param taught  the knowledge with the variant (tried, not written)
     * @param matcher the matcher over {@code taught}, to reuse when the variant is accepted
     */
    public record Verdict(List<Pulled> pulled, KnowledgeBase taught, Matcher matcher) {
        public boolean safe() {
            return pulled.isEmpty();
        }

        /** The entries (or {@code -}) it would pull from, in order of first appearance. */
        public List<String> owners() {
            return pulled.stream().map(Pulled::owner).distinct().toList();
        }
    }

    public int evalRowCount() {
        return evalRows.size();
    }

    public Verdict check(KnowledgeBase knowledge, Matcher current, String entryId, String variant) {
        KnowledgeBase taught = knowledge.withQuestion(entryId, variant);
        Matcher after = build.apply(taught);
        String same = variant.strip().toLowerCase(Locale.ROOT);
        List<Pulled> pulled = new ArrayList<>();
        for (Entry e : knowledge.entries()) {
            if (e.id().equals(entryId)) {
                continue;
            }
            for (String q : e.questions()) {
                if (!q.strip().toLowerCase(Locale.ROOT).equals(same)) {
                    probe(current, after, entryId, q, e.id()).ifPresent(pulled::add);
                }
            }
        }
        for (EvalRow row : evalRows) {
            if (!row.expected().equals(entryId) && !row.question().strip().toLowerCase(Locale.ROOT).equals(same)) {
                probe(current, after, entryId, row.question(), row.expected()).ifPresent(pulled::add);
            }
        }
        return new Verdict(pulled, taught, after);
    }

    private static Optional<Pulled> probe(Matcher before, Matcher after, String entryId, String question, String owner) {
        MatchResult now = after.match(question);
        if (!now.best().map(Candidate::entryId).filter(entryId::equals).isPresent()) {
            return Optional.empty();
        }
        MatchResult was = before.match(question);
        Optional<String> wasBest = was.best().map(Candidate::entryId);
        if (wasBest.filter(entryId::equals).isPresent()) {
            return Optional.empty(); // it was this entry's already: nothing taken
        }
        boolean tookCorrect = wasBest.filter(owner::equals).isPresent();
        boolean nowAnswersWrongly = now.decision() == Decision.ANSWER;
        return tookCorrect || nowAnswersWrongly ? Optional.of(new Pulled(question, owner)) : Optional.empty();
    }
}
