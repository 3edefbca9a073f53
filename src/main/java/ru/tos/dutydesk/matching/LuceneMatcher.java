package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.knowledge.KnowledgeBase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desk's matcher: Lucene over each entry's question variants, tags and answer, with Russian lemmas,
 * synonyms and typo tolerance. An entry's score for a word is its best field (variants taken together, tags,
 * answer; weighted) plus the score of the single variant that shares most with the question, so that words meeting
 * in one variant count extra. Verbs, adverbs and pronouns count less than nouns and adjectives.
 *
 * <p>Confidence is "how much of the question this entry covers": every distinct word of the question gets the
 * score it would earn in an entry that has it once among its variants (rare words earn more, words the knowledge
 * base has never seen earn the most), and an entry's confidence is its actual score over the sum of these, capped
 * at 1. So a question made mostly of words the knowledge base does not know ("куплю металлолом дорого") stays low
 * whatever matches its one familiar word, and a question covered by one entry's variants comes near 1. A word
 * the dictionary does not know and with no exact match anywhere is looked up with typo tolerance, and such a
 * match counts a little less. Off-topic areas are ranked like entries, so a question can be closest to one.
 *
 * <p>An entry is a candidate at all only if the question shares a meaningful word with its questions, title or
 * tags (synonyms and typos count; its answer does not): a word that is not a stop word, pronoun, particle,
 * conjunction, preposition, interjection or number. Otherwise «а вот это как же так» would be answered by the
 * entry whose questions say «это», and «5» by the one whose answer lists five steps. A question with no meaningful
 * word at all is {@link MatchResult#nothingToMatch()}.
 *
 * <p>Lucene analyses and scores the knowledge once ({@link KnowledgeIndex}); a question then walks plain postings.
 * Thread-safe: the index is read-only, analyzers keep per-thread state, and so do the working arrays. Never
 * throws on any text: input is cleaned and cut first, and a failure inside Lucene escalates the question rather
 * than losing it.
 */
public final class LuceneMatcher implements Matcher, Ranker {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneMatcher.class);
    /** Only so many distinct words of a question are looked at; a real question has far fewer. */
    static final int MAX_WORDS = 40;
    /** Known words a typo may stand for, at most. */
    private static final int MAX_EXPANSIONS = 20;
    /** Candidates returned: the decision looks at three, a consultant's card at three. */
    static final int MAX_CANDIDATES = 10;
    /** The type of every word when analysis uses Snowball alone, without the dictionary. */
    private static final String SNOWBALL_ONLY = "<ALPHANUM>";
    /** Token types of words that name a topic. */
    private static final Set<String> TOPICAL = Set.of("NN", "ADJ", "ABR", RussianLemmaFilter.UNKNOWN, SNOWBALL_ONLY, "<NUM>");
    /** Token types of words that say nothing by themselves, though the stop list keeps some of them («это», «кто»). */
    private static final Set<String> FUNCTION = Set.of("PNN", "PARTICLE", "CONJ", "PREP", "INTERJECTION", "Num", "NumC", "PRDC", "ADV");

    private final KnowledgeIndex index;
    private final Analyzer queryAnalyzer;
    private final Analyzer surfaceAnalyzer;
    private final MatchTuning tuning;
    private final DecisionPolicy policy;
    /** per-thread working arrays sized to the index, reused so that a question allocates next to nothing */
    private final ThreadLocal<Scratch> scratch;

    public LuceneMatcher(KnowledgeBase knowledge, RussianAnalysis analysis, Thresholds thresholds) {
        this(knowledge, analysis, MatchTuning.standard(), thresholds);
    }

    public LuceneMatcher(KnowledgeBase knowledge, RussianAnalysis analysis, MatchTuning tuning, Thresholds thresholds) {
        this(new KnowledgeIndex(knowledge, analysis), analysis, tuning, thresholds);
    }

    /** Over an index already built: weights and thresholds are query-time only, so a tuning run builds it once. */
    LuceneMatcher(KnowledgeIndex index, RussianAnalysis analysis, MatchTuning tuning, Thresholds thresholds) {
        this.index = index;
        this.queryAnalyzer = analysis.plain();
        this.surfaceAnalyzer = analysis.surface();
        this.tuning = tuning;
        this.policy = new DecisionPolicy(thresholds);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(index.entryCount(), index.variantCount()));
    }

    @Override
    public MatchResult match(String question) {
        Ranking r = ranking(question);
        return r.wordless() ? MatchResult.nothingToMatch() : policy.decide(r.candidates());
    }

    @Override
    public List<Candidate> rank(String question) {
        return ranking(question).candidates();
    }

    /** Candidates, best first; {@code wordless} when the question has no meaningful word to match on. */
    private record Ranking(List<Candidate> candidates, boolean wordless) {
        static final Ranking WORDLESS = new Ranking(List.of(), true);
    }

    private Ranking ranking(String question) {
        String text = QuestionText.clean(question);
        if (text.isEmpty()) {
            return Ranking.WORDLESS;
        }
        try {
            return rankClean(text);
        } catch (IOException | RuntimeException e) {
            // never expected from an in-memory index; a person answers instead (the text is not logged: it is private)
            LOG.warn("matching failed for a question of {} characters; escalating", text.length(), e);
            return new Ranking(List.of(), false);
        }
    }

    private Ranking rankClean(String text) throws IOException {
        Map<String, Word> words = words(text);
        if (words.values().stream().noneMatch(Word::meaningful)) {
            return Ranking.WORDLESS;
        }
        Scratch scratch = this.scratch.get();
        scratch.clear();
        DocScores variantTotal = scratch.variantTotal;
        DocScores entryTotal = scratch.entryTotal;
        DocScores.DisMax entryWord = scratch.entryWord;
        DocScores variantWord = scratch.variantWord;
        DocScores shared = scratch.shared;
        double ideal = 0;
        for (Map.Entry<String, Word> w : words.entrySet()) {
            String term = w.getKey();
            String surface = w.getValue().surface();
            double weight = w.getValue().weight();
            entryWord.clear();
            variantWord.clear();
            FieldPostings.Postings inQuestions = index.field(KnowledgeIndex.QUESTIONS).postings(term);
            FieldPostings.Postings inTags = index.field(KnowledgeIndex.TAGS).postings(term);
            entryWord.addField(inQuestions, tuning.questions());
            entryWord.addField(inTags, tuning.tags());
            entryWord.addField(index.field(KnowledgeIndex.BODY).postings(term), tuning.body());
            FieldPostings.Postings inVariants = index.field(KnowledgeIndex.VARIANT).postings(term);
            double bestEntry = entryWord.bestDisMax(tuning.tie());
            double bestVariant = inVariants == null ? 0 : tuning.variant() * inVariants.maxScore();
            double entryReference = reference(term, KnowledgeIndex.QUESTIONS, tuning.questions());
            double variantReference = reference(term, KnowledgeIndex.VARIANT, tuning.variant());
            boolean fuzzy = false;
            if (bestVariant == 0 && bestEntry == 0 && fuzzyEdits(surface) > 0 && !w.getValue().known()) {
                fuzzy = true;
                addSimilar(entryWord, KnowledgeIndex.SURFACE, surface, tuning.questions() * tuning.fuzzy());
                addSimilar(variantWord, KnowledgeIndex.VARIANT_SURFACE, surface, tuning.variant() * tuning.fuzzy());
                bestEntry = entryWord.best();
                bestVariant = variantWord.best();
                if (bestVariant > 0 || bestEntry > 0) {
                    // a typo-tolerant hit covers the word, but less surely than an exact one
                    entryReference = bestEntry / tuning.fuzzyCredit();
                    variantReference = bestVariant / tuning.fuzzyCredit();
                }
            }
            ideal += weight * (Math.max(entryReference, bestEntry) + Math.max(variantReference, bestVariant));
            if (w.getValue().meaningful()) {
                if (fuzzy) {
                    // typo-tolerant hits are looked for only in questions, title and tags, and in the variants
                    for (int i = 0; i < entryWord.size(); i++) {
                        shared.raise(entryWord.doc(i), 1);
                    }
                    for (int i = 0; i < variantWord.size(); i++) {
                        shared.raise(index.entryOfVariant(variantWord.doc(i)), 1);
                    }
                } else {
                    markShared(shared, inQuestions);
                    markShared(shared, inTags);
                    if (inVariants != null) {
                        for (int doc : inVariants.docs()) {
                            shared.raise(index.entryOfVariant(doc), 1);
                        }
                    }
                }
            }
            if (fuzzy) {
                for (int i = 0; i < variantWord.size(); i++) {
                    int doc = variantWord.doc(i);
                    variantTotal.add(doc, weight * variantWord.value(doc));
                }
            } else {
                variantTotal.add(inVariants, weight * tuning.variant());
            }
            for (int i = 0; i < entryWord.size(); i++) {
                int e = entryWord.doc(i);
                entryTotal.add(e, weight * (fuzzy ? entryWord.value(e) : entryWord.disMax(e, tuning.tie())));
            }
        }
        // an entry scores its words over all its fields plus its one variant that shares most with the question
        DocScores bestVariantOfEntry = scratch.bestVariantOfEntry;
        for (int i = 0; i < variantTotal.size(); i++) {
            int doc = variantTotal.doc(i);
            bestVariantOfEntry.raise(index.entryOfVariant(doc), variantTotal.value(doc));
        }
        for (int i = 0; i < bestVariantOfEntry.size(); i++) {
            entryTotal.add(bestVariantOfEntry.doc(i), bestVariantOfEntry.value(bestVariantOfEntry.doc(i)));
        }
        // a question that names the desk's subject ("тос") is about it, however much it shares with an off-topic area
        boolean namesSubject = words.keySet().stream().anyMatch(index::namesSubject);
        TopCandidates top = new TopCandidates(MAX_CANDIDATES);
        for (int i = 0; i < entryTotal.size(); i++) {
            int e = entryTotal.doc(i);
            if ((namesSubject && index.offTopic(e)) || shared.value(e) == 0) {
                continue;
            }
            top.offer(e, ideal <= 0 ? 0 : Math.min(1.0, entryTotal.value(e) / ideal));
        }
        List<Candidate> ranked = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            ranked.add(index.candidate(top.entry(i), top.score(i)));
        }
        return new Ranking(ranked, false);
    }

    /** Marks the entries holding a word in a field of entry documents. */
    private static void markShared(DocScores shared, FieldPostings.Postings postings) {
        if (postings != null) {
            for (int doc : postings.docs()) {
                shared.raise(doc, 1);
            }
        }
    }

    /**
     * Adds the word's typo-tolerant matches in a field: up to 20 known words at most {@link #fuzzyEdits} away,
     * each worth less the more edits it needs, all scored as if as rare as the commonest of them (so a typo does
     * not earn more than the word spelt right would), as Lucene's fuzzy query does.
     */
    private void addSimilar(DocScores target, String field, String surface, double weight) {
        FieldPostings postings = index.field(field);
        List<FieldPostings.Similar> similar = postings.similarTerms(surface, fuzzyEdits(surface), MAX_EXPANSIONS);
        int maxDf = 0;
        for (FieldPostings.Similar s : similar) {
            maxDf = Math.max(maxDf, s.postings().docFreq());
        }
        for (FieldPostings.Similar s : similar) {
            double closeness = 1.0 - (double) s.edits() / Math.min(s.term().length(), surface.length());
            double blend = postings.idf(maxDf) / postings.idf(s.postings().docFreq());
            target.add(s.postings(), weight * closeness * blend);
        }
    }

    /**
     * A word of the question: the word as written (for typo tolerance) and how much it counts: nouns, adjectives
     * and words the dictionary does not know (abbreviations, names) name the topic; verbs, adverbs and pronouns
     * ("сделать", "можно", "вообще") mostly do not. A word the dictionary knows is spelt right, so it is never
     * taken for a typo of another ("погода" is not "полгода"). A pronoun, particle, conjunction, preposition,
     * interjection or number is not meaningful: it scores, but cannot make an entry a candidate by itself.
     */
    private record Word(String surface, double weight, boolean known, boolean meaningful) {
    }

    /** Distinct normal forms of the question, in order, with their words. */
    private Map<String, Word> words(String text) throws IOException {
        Map<Integer, String> surfaceByOffset = new HashMap<>();
        forEachToken(surfaceAnalyzer, text, (term, type, start) -> surfaceByOffset.put(start, term));
        Map<String, Word> words = new LinkedHashMap<>();
        forEachToken(queryAnalyzer, text, (term, type, start) -> {
            if (words.size() < MAX_WORDS) {
                double weight = TOPICAL.contains(type) ? 1.0 : tuning.minorWords();
                boolean known = !RussianLemmaFilter.UNKNOWN.equals(type) && !SNOWBALL_ONLY.equals(type);
                boolean meaningful = !FUNCTION.contains(type) && term.codePoints().anyMatch(Character::isLetter);
                words.putIfAbsent(term, new Word(surfaceByOffset.getOrDefault(start, term), weight, known, meaningful));
            }
        });
        return words;
    }

    private interface TokenSink {
        void accept(String term, String type, int start);
    }

    private static void forEachToken(Analyzer analyzer, String text, TokenSink sink) throws IOException {
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            TypeAttribute type = ts.addAttribute(TypeAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                sink.accept(term.toString(), type.type(), offset.startOffset());
            }
            ts.end();
        }
    }

    /** Edits allowed for a typo: none in short words (too many real words are one letter apart). */
    static int fuzzyEdits(String word) {
        int letters = word.codePointCount(0, word.length());
        if (letters < 5 || !word.chars().allMatch(Character::isLetter)) {
            return 0;
        }
        return letters < 8 ? 1 : 2;
    }

    /** What the word would score in a field of average length that has it once. */
    private double reference(String term, String field, double weight) {
        FieldPostings f = index.field(field);
        return weight * f.idf(f.docFreq(term)) / (1 + index.k1());
    }

    /** Working arrays for one question at a time. */
    private static final class Scratch {
        final DocScores variantTotal;
        final DocScores entryTotal;
        final DocScores.DisMax entryWord;
        final DocScores variantWord;
        final DocScores bestVariantOfEntry;
        /** entries that share a meaningful word with the question in their questions, title or tags */
        final DocScores shared;

        Scratch(int entries, int variants) {
            shared = new DocScores(entries);
            variantTotal = new DocScores(variants);
            entryTotal = new DocScores(entries);
            entryWord = new DocScores.DisMax(entries);
            variantWord = new DocScores(variants);
            bestVariantOfEntry = new DocScores(entries);
        }

        void clear() {
            variantTotal.clear();
            entryTotal.clear();
            entryWord.clear();
            variantWord.clear();
            bestVariantOfEntry.clear();
            shared.clear();
        }
    }
}
