package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * with no exact match anywhere is looked up with typo tolerance, and such a match counts a little less.
 *
 * <p>Thread-safe: the index is read-only and analyzers keep per-thread state. Never throws on any text: input is
 * cleaned and cut first, and a failure inside Lucene escalates the question rather than losing it.
 */
public final class LuceneMatcher implements Matcher, Ranker {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneMatcher.class);
    /** Only so many distinct words of a question are looked at; a real question has far fewer. */
    static final int MAX_WORDS = 40;
    /** Token types of words that name a topic; Snowball-only analysis types every word as {@code <ALPHANUM>}. */
    private static final Set<String> TOPICAL = Set.of("NN", "ADJ", "ABR", RussianLemmaFilter.UNKNOWN, "<ALPHANUM>", "<NUM>");

    private final KnowledgeIndex index;
    private final Analyzer queryAnalyzer;
    private final Analyzer surfaceAnalyzer;
    private final MatchTuning tuning;
    private final DecisionPolicy policy;
    private final float k1;

    public LuceneMatcher(KnowledgeBase knowledge, RussianAnalysis analysis, Thresholds thresholds) {
        this(knowledge, analysis, MatchTuning.standard(), thresholds);
    }

    public LuceneMatcher(KnowledgeBase knowledge, RussianAnalysis analysis, MatchTuning tuning, Thresholds thresholds) {
        this.index = new KnowledgeIndex(knowledge, analysis);
        this.queryAnalyzer = analysis.plain();
        this.surfaceAnalyzer = analysis.surface();
        this.tuning = tuning;
        this.policy = new DecisionPolicy(thresholds);
        this.k1 = ((BM25Similarity) index.searcher().getSimilarity()).getK1();
    }

    @Override
    public MatchResult match(String question) {
        return policy.decide(rank(question));
    }

    @Override
    public List<Candidate> rank(String question) {
        String text = QuestionText.clean(question);
        if (text.isEmpty()) {
            return List.of();
        }
        try {
            return rankClean(text);
        } catch (IOException | RuntimeException e) {
            // never expected from an in-memory index; a person answers instead (the text is not logged: it is private)
            LOG.warn("matching failed for a question of {} characters; escalating", text.length(), e);
            return List.of();
        }
    }

    private List<Candidate> rankClean(String text) throws IOException {
        Map<String, Word> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        double[] variantTotal = new double[index.docCount()];
        double[] entryTotal = new double[index.entryCount()];
        double ideal = 0;
        for (Map.Entry<String, Word> w : words.entrySet()) {
            String surface = w.getValue().surface();
            double weight = w.getValue().weight();
            double[] inVariants = scores(variantQuery(w.getKey()));
            double[] inEntries = scores(entryQuery(w.getKey()));
            double bestVariant = max(inVariants);
            double bestEntry = max(inEntries);
            double entryReference = reference(w.getKey(), KnowledgeIndex.QUESTIONS, tuning.questions());
            double variantReference = reference(w.getKey(), KnowledgeIndex.VARIANT, tuning.variant());
            if (bestVariant == 0 && bestEntry == 0 && fuzzyEdits(surface) > 0) {
                inEntries = scores(fuzzy(surface, KnowledgeIndex.SURFACE, tuning.questions()));
                inVariants = scores(fuzzy(surface, KnowledgeIndex.VARIANT_SURFACE, tuning.variant()));
                bestVariant = max(inVariants);
                bestEntry = max(inEntries);
                if (bestVariant > 0 || bestEntry > 0) {
                    // a typo-tolerant hit covers the word, but less surely than an exact one
                    entryReference = bestEntry / tuning.fuzzyCredit();
                    variantReference = bestVariant / tuning.fuzzyCredit();
                }
            }
            ideal += weight * (Math.max(entryReference, bestEntry) + Math.max(variantReference, bestVariant));
            for (int doc = 0; doc < inVariants.length; doc++) {
                variantTotal[doc] += weight * inVariants[doc];
                entryTotal[index.entryOf(doc)] += weight * inEntries[doc];
            }
        }
        double[] total = entryTotal.clone();
        double[] bestVariantOfEntry = new double[index.entryCount()];
        for (int doc = 0; doc < variantTotal.length; doc++) {
            int e = index.entryOf(doc);
            bestVariantOfEntry[e] = Math.max(bestVariantOfEntry[e], variantTotal[doc]);
        }
        List<Candidate> ranked = new ArrayList<>();
        for (int e = 0; e < total.length; e++) {
            double score = total[e] + bestVariantOfEntry[e];
            if (score > 0) {
                Entry entry = index.entry(e);
                double confidence = ideal <= 0 ? 0 : Math.min(1.0, score / ideal);
                ranked.add(new Candidate(entry.id(), entry.title(), confidence));
            }
        }
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked;
    }

    /**
     * A word of the question: the word as written (for typo tolerance) and how much it counts: nouns, adjectives
     * and words the dictionary does not know (abbreviations, names) name the topic; verbs, adverbs and pronouns
     * ("сделать", "можно", "вообще") mostly do not.
     */
    private record Word(String surface, double weight) {
    }

    /** Distinct normal forms of the question, in order, with their words. */
    private Map<String, Word> words(String text) throws IOException {
        Map<Integer, String> surfaceByOffset = new HashMap<>();
        forEachToken(surfaceAnalyzer, text, (term, type, start) -> surfaceByOffset.put(start, term));
        Map<String, Word> words = new LinkedHashMap<>();
        forEachToken(queryAnalyzer, text, (term, type, start) -> {
            if (words.size() < MAX_WORDS) {
                double weight = TOPICAL.contains(type) ? 1.0 : tuning.minorWords();
                words.putIfAbsent(term, new Word(surfaceByOffset.getOrDefault(start, term), weight));
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

    private Query variantQuery(String term) {
        return boosted(new TermQuery(new Term(KnowledgeIndex.VARIANT, term)), tuning.variant());
    }

    private Query entryQuery(String term) {
        List<Query> perField = List.of(
                boosted(new TermQuery(new Term(KnowledgeIndex.QUESTIONS, term)), tuning.questions()),
                boosted(new TermQuery(new Term(KnowledgeIndex.TAGS, term)), tuning.tags()),
                boosted(new TermQuery(new Term(KnowledgeIndex.BODY, term)), tuning.body()));
        return new DisjunctionMaxQuery(perField, (float) tuning.tie());
    }

    private Query fuzzy(String surface, String field, double weight) {
        return boosted(new FuzzyQuery(new Term(field, surface), fuzzyEdits(surface), 1, 20, true),
                weight * tuning.fuzzy());
    }

    /** Edits allowed for a typo: none in short words (too many real words are one letter apart). */
    static int fuzzyEdits(String word) {
        int letters = word.codePointCount(0, word.length());
        if (letters < 5 || !word.chars().allMatch(Character::isLetter)) {
            return 0;
        }
        return letters < 8 ? 1 : 2;
    }

    private static Query boosted(Query q, double weight) {
        return new BoostQuery(q, (float) weight);
    }

    /** What the word would score in a field of average length that has it once. */
    private double reference(String term, String field, double weight) throws IOException {
        IndexReader reader = index.searcher().getIndexReader();
        long docCount = Math.max(1, reader.getDocCount(field));
        int df = reader.docFreq(new Term(field, term));
        double idf = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
        return weight * idf / (1 + k1);
    }

    private double[] scores(Query query) throws IOException {
        double[] scores = new double[index.docCount()];
        // every matching doc's score goes straight into the array: a top-N collector sized to the whole index
        // sorted all of them on every call, which made a question cost O(docs log docs) per word (issue 8)
        index.searcher().search(query, new CollectorManager<AllScores, Void>() {
            @Override
            public AllScores newCollector() {
                return new AllScores(scores);
            }

            @Override
            public Void reduce(Collection<AllScores> collectors) {
                return null;
            }
        });
        return scores;
    }

    /** Collects the score of every matching document into an array indexed by document number. */
    private static final class AllScores extends SimpleCollector {
        private final double[] scores;
        private Scorable scorer;
        private int docBase;

        AllScores(double[] scores) {
            this.scores = scores;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            docBase = context.docBase;
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            scores[docBase + doc] = scorer.score();
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
