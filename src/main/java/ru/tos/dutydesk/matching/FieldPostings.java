package ru.tos.dutydesk.matching;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * One field of the knowledge index read out of Lucene into plain arrays: for each term, the documents that hold
 * it and the score Lucene's similarity gives it there (at boost 1, exactly what a {@code TermQuery} would score).
 * A question then costs a few hash look-ups and a walk over short arrays instead of a Lucene search per word,
 * which was dominated by per-query set-up and by building typo automata (issue 8). Immutable.
 */
final class FieldPostings {
    /** Documents holding a term (dense numbers, see {@link #read}), the term's score in each, and the highest. */
    record Postings(int[] docs, float[] scores, float maxScore) {
        int docFreq() {
            return docs.length;
        }
    }

    private final Map<String, Postings> byTerm;
    private final int docCount;
    /** terms by their first character, for typo-tolerant look-up (a typo is rarely in the first letter) */
    private final Map<Character, String[]> termsByFirstChar;

    private FieldPostings(Map<String, Postings> byTerm, int docCount) {
        this.byTerm = byTerm;
        this.docCount = docCount;
        Map<Character, List<String>> grouped = new HashMap<>();
        for (String t : byTerm.keySet()) {
            if (!t.isEmpty()) {
                grouped.computeIfAbsent(t.charAt(0), c -> new ArrayList<>()).add(t);
            }
        }
        Map<Character, String[]> frozen = new HashMap<>();
        grouped.forEach((c, terms) -> frozen.put(c, terms.toArray(String[]::new)));
        this.termsByFirstChar = frozen;
    }

    /**
     * Reads a field of the index.
     *
     * @param renumber maps a Lucene document number to this field's dense document number
     */
    static FieldPostings read(IndexSearcher searcher, String field, IntUnaryOperator renumber) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        CollectionStatistics collection = searcher.collectionStatistics(field);
        if (collection == null) {
            return new FieldPostings(Map.of(), 0);
        }
        Similarity similarity = searcher.getSimilarity();
        Map<String, Growing> growing = new HashMap<>();
        // with one segment (the usual case here) the enum's own statistics are the index's; the reader's
        // per-term look-ups cost a terms-dictionary seek each and were most of the build time
        boolean oneSegment = reader.leaves().size() == 1;
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader leafReader = leaf.reader();
            Terms terms = leafReader.terms(field);
            if (terms == null) {
                continue;
            }
            long[] norms = norms(leafReader, field);
            TermsEnum termsEnum = terms.iterator();
            PostingsEnum postings = null;
            BytesRef bytes;
            while ((bytes = termsEnum.next()) != null) {
                Term term = new Term(field, BytesRef.deepCopyOf(bytes));
                Similarity.SimScorer scorer = similarity.scorer(1f, collection, oneSegment
                        ? searcher.termStatistics(term, termsEnum.docFreq(), termsEnum.totalTermFreq())
                        : searcher.termStatistics(term, reader.docFreq(term), reader.totalTermFreq(term)));
                Growing g = growing.computeIfAbsent(term.text(), t -> new Growing());
                postings = termsEnum.postings(postings, PostingsEnum.FREQS);
                for (int doc = postings.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    g.add(renumber.applyAsInt(leaf.docBase + doc), scorer.score(postings.freq(), norms[doc]));
                }
            }
        }
        Map<String, Postings> byTerm = new HashMap<>(growing.size() * 2);
        growing.forEach((t, g) -> byTerm.put(t, g.freeze()));
        return new FieldPostings(byTerm, (int) collection.docCount());
    }

    /** The field's length norm per document; 1 where a document has none, as Lucene's own scorer assumes. */
    private static long[] norms(LeafReader reader, String field) throws IOException {
        long[] norms = new long[reader.maxDoc()];
        Arrays.fill(norms, 1L);
        NumericDocValues values = reader.getNormValues(field);
        if (values != null) {
            for (int doc = values.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                norms[doc] = values.longValue();
            }
        }
        return norms;
    }

    /** The term's postings, or null when no document holds it. */
    Postings postings(String term) {
        return byTerm.get(term);
    }

    int docFreq(String term) {
        Postings p = byTerm.get(term);
        return p == null ? 0 : p.docFreq();
    }

    /** Documents that have this field. */
    int docCount() {
        return docCount;
    }

    /** BM25's inverse document frequency, as Lucene computes it. */
    double idf(int docFreq) {
        long n = Math.max(1, docCount);
        return Math.log(1 + (n - docFreq + 0.5) / (docFreq + 0.5));
    }

    /**
     * Terms that share the word's first character and are at most {@code maxEdits} insertions, deletions,
     * substitutions or swaps of neighbours away from it; closest first, then the commonest; at most {@code max}.
     */
    List<Similar> similarTerms(String word, int maxEdits, int max) {
        if (word.isEmpty()) {
            return List.of();
        }
        String[] candidates = termsByFirstChar.get(word.charAt(0));
        if (candidates == null) {
            return List.of();
        }
        List<Similar> found = new ArrayList<>();
        for (String t : candidates) {
            if (Math.abs(t.length() - word.length()) <= maxEdits) {
                int edits = EditDistance.bounded(word, t, maxEdits);
                if (edits <= maxEdits) {
                    found.add(new Similar(t, edits, byTerm.get(t)));
                }
            }
        }
        found.sort((a, b) -> a.edits() != b.edits() ? Integer.compare(a.edits(), b.edits())
                : a.postings().docFreq() != b.postings().docFreq()
                ? Integer.compare(b.postings().docFreq(), a.postings().docFreq()) : a.term().compareTo(b.term()));
        return found.size() > max ? found.subList(0, max) : found;
    }

    /** A term found by typo-tolerant look-up. */
    record Similar(String term, int edits, Postings postings) {
    }

    private static final class Growing {
        private int[] docs = new int[4];
        private float[] scores = new float[4];
        private int size;

        void add(int doc, float score) {
            if (size == docs.length) {
                docs = Arrays.copyOf(docs, size * 2);
                scores = Arrays.copyOf(scores, size * 2);
            }
            docs[size] = doc;
            scores[size] = score;
            size++;
        }

        Postings freeze() {
            float max = 0;
            for (int i = 0; i < size; i++) {
                max = Math.max(max, scores[i]);
            }
            return new Postings(Arrays.copyOf(docs, size), Arrays.copyOf(scores, size), max);
        }
    }
}
