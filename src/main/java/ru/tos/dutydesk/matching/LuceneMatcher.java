package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desk's matcher: Lucene over an entry's title, question variants, tags and answer, with Russian lemmas,
 * synonyms and typo tolerance.
 *
 * <p>Confidence is "how much of the question this entry covers": every distinct word of the question gets the
 * score it would earn in an entry that has it among its question variants (rare words earn more, words unknown to
 * the knowledge base earn the most), and an entry's confidence is its actual score over the sum of these. So a
 * question made of words the knowledge base has never seen ("куплю металлолом") stays near 0, whatever matches
 * its one familiar word, and a question fully covered by one entry's variants comes near 1.
 *
 * <p>Thread-safe: the index is read-only and analyzers keep per-thread state.
 */
public final class LuceneMatcher implements Matcher, Ranker {
    /** Only so many distinct words of a question are looked at; a real question has far fewer. */
    static final int MAX_WORDS = 40;

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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Candidate> rankClean(String text) throws IOException {
        Map<String, String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        int n = index.size();
        double[] total = new double[n];
        double ideal = 0;
        for (Map.Entry<String, String> w : words.entrySet()) {
            double reference = reference(w.getKey());
            double[] scores = scores(exact(w.getKey()));
            double best = max(scores);
            if (best == 0 && fuzzyEdits(w.getValue()) > 0) {
                scores = scores(fuzzy(w.getValue()));
                double fuzzyBest = max(scores);
                if (fuzzyBest > 0) {
                    // a typo-tolerant hit covers the word, but less surely than an exact one
                    reference = fuzzyBest / tuning.fuzzyCredit();
                }
                best = fuzzyBest;
            }
            ideal += Math.max(reference, best);
            for (int i = 0; i < n; i++) {
                total[i] += scores[i];
            }
        }
        List<Candidate> ranked = new ArrayList<>();
        for (int doc = 0; doc < n; doc++) {
            if (total[doc] > 0) {
                Entry e = index.entry(doc);
                double confidence = ideal <= 0 ? 0 : Math.min(1.0, total[doc] / ideal);
                ranked.add(new Candidate(e.id(), e.title(), confidence));
            }
        }
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked;
    }

    /** Distinct normal forms of the question, each with the word it came from (for typo tolerance). */
    private Map<String, String> words(String text) throws IOException {
        Map<Integer, String> surfaceByOffset = new HashMap<>();
        forEachToken(surfaceAnalyzer, text, (term, start) -> surfaceByOffset.put(start, term));
        Map<String, String> words = new LinkedHashMap<>();
        forEachToken(queryAnalyzer, text, (term, start) -> {
            if (words.size() < MAX_WORDS) {
                words.putIfAbsent(term, surfaceByOffset.getOrDefault(start, term));
            }
        });
        return words;
    }

    private interface TokenSink {
        void accept(String term, int start);
    }

    private static void forEachToken(Analyzer analyzer, String text, TokenSink sink) throws IOException {
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                sink.accept(term.toString(), offset.startOffset());
            }
            ts.end();
        }
    }

    private Query exact(String term) {
        List<Query> perField = List.of(
                boosted(new TermQuery(new Term(KnowledgeIndex.TITLE, term)), tuning.title()),
                boosted(new TermQuery(new Term(KnowledgeIndex.QUESTIONS, term)), tuning.questions()),
                boosted(new TermQuery(new Term(KnowledgeIndex.TAGS, term)), tuning.tags()),
                boosted(new TermQuery(new Term(KnowledgeIndex.BODY, term)), tuning.body()));
        return new DisjunctionMaxQuery(perField, (float) tuning.tie());
    }

    private Query fuzzy(String surface) {
        return boosted(new FuzzyQuery(new Term(KnowledgeIndex.SURFACE, surface), fuzzyEdits(surface), 1, 20, true),
                tuning.fuzzy());
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

    /** What the word would score in an entry of average length that has it once among its question variants. */
    private double reference(String term) throws IOException {
        IndexReader reader = index.searcher().getIndexReader();
        long docCount = Math.max(1, reader.getDocCount(KnowledgeIndex.QUESTIONS));
        int df = reader.docFreq(new Term(KnowledgeIndex.QUESTIONS, term));
        double idf = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
        return tuning.questions() * idf / (1 + k1);
    }

    private double[] scores(Query query) throws IOException {
        IndexSearcher searcher = index.searcher();
        double[] scores = new double[index.size()];
        for (ScoreDoc sd : searcher.search(query, Math.max(1, index.size())).scoreDocs) {
            scores[sd.doc] = sd.score;
        }
        return scores;
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
