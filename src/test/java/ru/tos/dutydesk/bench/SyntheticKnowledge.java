package ru.tos.dutydesk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;

/**
 * Grows a knowledge base to a given size for benchmarks: the real entries stay (so the evaluation questions keep
 * their answers), and each new entry recombines two real ones: some question variants of each (some with their
 * words shuffled), both tag lists, and paragraphs of both bodies. The vocabulary therefore stays that of the
 * real base, which makes every word's posting list long: a pessimistic case for query time.
 */
final class SyntheticKnowledge {
    private SyntheticKnowledge() {
    }

    static KnowledgeBase grow(KnowledgeBase base, int size, long seed) {
        List<Entry> real = base.entries();
        if (size < real.size()) {
            throw new IllegalArgumentException("cannot grow " + real.size() + " entries to " + size);
        }
        Random rnd = new Random(seed);
        List<Entry> entries = new ArrayList<>(real);
        for (int i = entries.size(); i < size; i++) {
            Entry a = real.get(rnd.nextInt(real.size()));
            Entry b = real.get(rnd.nextInt(real.size()));
            entries.add(recombine(a, b, i, rnd));
        }
        return new KnowledgeBase(entries, base.synonyms());
    }

    private static Entry recombine(Entry a, Entry b, int n, Random rnd) {
        Set<String> questions = new LinkedHashSet<>();
        questions.addAll(pick(a.questions(), 2 + rnd.nextInt(5), rnd));
        questions.addAll(pick(b.questions(), 1 + rnd.nextInt(3), rnd));
        List<String> variants = new ArrayList<>();
        for (String q : questions) {
            variants.add(rnd.nextInt(3) == 0 ? shuffleWords(q, rnd) : q);
        }
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(concat(a.tags(), b.tags())));
        String body = String.join("\n\n", concat(
                pick(paragraphs(a.body()), 1 + rnd.nextInt(3), rnd),
                pick(paragraphs(b.body()), 1 + rnd.nextInt(2), rnd)));
        return new Entry("synthetic-" + n, a.title() + " (" + n + ")", variants, tags, a.sources(), a.reviewed(),
                body, a.file());
    }

    private static List<String> paragraphs(String body) {
        List<String> out = new ArrayList<>();
        for (String p : body.split("\n\\s*\n")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out.isEmpty() ? List.of(body) : out;
    }

    private static List<String> pick(List<String> from, int count, Random rnd) {
        List<String> copy = new ArrayList<>(from);
        Collections.shuffle(copy, rnd);
        return copy.subList(0, Math.min(count, copy.size()));
    }

    private static String shuffleWords(String text, Random rnd) {
        List<String> words = new ArrayList<>(Arrays.asList(text.split("\\s+")));
        Collections.shuffle(words, rnd);
        return String.join(" ", words);
    }

    private static List<String> concat(List<String> x, List<String> y) {
        List<String> out = new ArrayList<>(x);
        out.addAll(y);
        return out;
    }
}
