package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.MatchResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Open learning cases grouped as proposals: questions an entry should have caught (the one the resident chose, or
 * the one the desk itself now guesses for the question) become proposed variants of that
 * entry; escalated questions with no such entry are grouped by the words they share, each group a proposed new
 * entry with the consultants' answers beside it.
 */
public final class LearningInbox {
    /** Two questions are alike when they share this share of their word stems (and at least two). */
    private static final double ALIKE = 0.34;

    /** Questions proposed as new variants of one entry. */
    public record VariantProposal(String entryId, String title, List<LearningCase> cases) {
    }

    /** Similar questions no entry answers: a proposed new entry. */
    public record NewEntryProposal(List<LearningCase> cases) {
    }

    public record Proposals(List<VariantProposal> variants, List<NewEntryProposal> newEntries) {
        public boolean isEmpty() {
            return variants.isEmpty() && newEntries.isEmpty();
        }
    }

    /** Cases without their question text (forgotten) cannot teach anything and are left out. */
    public Proposals group(List<LearningCase> cases, Knowledge knowledge) {
        Map<String, List<LearningCase>> byEntry = new LinkedHashMap<>();
        List<LearningCase> homeless = new ArrayList<>();
        for (LearningCase c : cases) {
            if (c.question() == null) {
                continue;
            }
            Optional<String> entry = proposedEntry(c, knowledge);
            if (entry.isPresent()) {
                byEntry.computeIfAbsent(entry.get(), k -> new ArrayList<>()).add(c);
            } else {
                homeless.add(c);
            }
        }
        List<VariantProposal> variants = new ArrayList<>();
        byEntry.forEach((id, list) -> variants.add(new VariantProposal(id,
                knowledge.base().entry(id).map(e -> e.title()).orElse(id), list)));
        return new Proposals(variants, groupAlike(homeless));
    }

    /**
     * The entry the case points at: the resident's choice, else the desk's own guess for the question now (not the
     * entry whose answer did not help), when the desk would at least suggest it.
     */
    public static Optional<String> proposedEntry(LearningCase c, Knowledge knowledge) {
        if (c.chosenEntry() != null && knowledge.base().entry(c.chosenEntry()).isPresent()) {
            return Optional.of(c.chosenEntry());
        }
        // the consultant's answer is not matched: an answer's many words make any entry look near (tried: a reply
        // «ask the district administration» pointed at the grants entry)
        return guess(knowledge.matcher().match(c.question()), c.shownEntry(), knowledge);
    }

    private static Optional<String> guess(MatchResult match, String notThis, Knowledge knowledge) {
        if (match.decision() == Decision.ESCALATE) {
            return Optional.empty();
        }
        return match.best().filter(b -> !b.offTopic()).map(Candidate::entryId)
                .filter(id -> !id.equals(notThis) && knowledge.base().entry(id).isPresent());
    }

    /** Likely entries for a question, best first, for the buttons under a ticket (the shown, unhelpful one left out). */
    public static List<Candidate> likelyEntries(String question, String notThis, Knowledge knowledge, int max) {
        return knowledge.matcher().match(question).candidates().stream()
                .filter(c -> !c.offTopic() && !c.entryId().equals(notThis) && knowledge.base().entry(c.entryId()).isPresent())
                .limit(max).toList();
    }

    private static List<NewEntryProposal> groupAlike(List<LearningCase> cases) {
        List<List<LearningCase>> groups = new ArrayList<>();
        List<Set<String>> groupStems = new ArrayList<>();
        for (LearningCase c : cases) {
            Set<String> stems = stems(c.question());
            int found = -1;
            for (int g = 0; g < groups.size() && found < 0; g++) {
                if (alike(stems, groupStems.get(g))) {
                    found = g;
                }
            }
            if (found < 0) {
                groups.add(new ArrayList<>(List.of(c)));
                groupStems.add(new HashSet<>(stems));
            } else {
                groups.get(found).add(c);
                groupStems.get(found).addAll(stems);
            }
        }
        // the biggest groups first: they are what residents ask most
        groups.sort((a, b) -> Integer.compare(b.size(), a.size()));
        return groups.stream().map(NewEntryProposal::new).toList();
    }

    private static boolean alike(Set<String> a, Set<String> b) {
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        int smaller = Math.min(a.size(), b.size());
        return common.size() >= 2 && smaller > 0 && (double) common.size() / smaller >= ALIKE;
    }

    /** Crude stems (the first five letters of words of four letters or more): enough to see two questions are alike. */
    static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).replace('ё', 'е').split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 4) {
                out.add(w.length() > 5 ? w.substring(0, 5) : w);
            }
        }
        return out;
    }
}
