package ru.tos.dutydesk.matching;

/**
 * Per-document sums for one question, touching only the documents that score: a question's words hit a few
 * hundred documents at most, while the index may hold hundreds of thousands. Not thread-safe: one thread at a time.
 */
class DocScores {
    /** per document; 0 means untouched, as every score added is positive */
    private final double[] sum;
    private final int[] touched;
    private int size;

    DocScores(int docs) {
        this.sum = new double[docs];
        this.touched = new int[docs];
    }

    /** Adds a positive value to the document's sum. */
    void add(int doc, double value) {
        if (sum[doc] == 0) {
            touched[size++] = doc;
        }
        sum[doc] += value;
    }

    /** Raises the document's value to at least {@code value}. */
    void raise(int doc, double value) {
        if (sum[doc] < value) {
            add(doc, value - sum[doc]);
        }
    }

    /** Adds every document of a term's postings with its score times the weight. */
    void add(FieldPostings.Postings postings, double weight) {
        if (postings == null) {
            return;
        }
        int[] docs = postings.docs();
        float[] scores = postings.scores();
        for (int i = 0; i < docs.length; i++) {
            add(docs[i], weight * scores[i]);
        }
    }

    /** Forgets all sums, in time proportional to the documents touched. */
    void clear() {
        for (int i = 0; i < size; i++) {
            sum[touched[i]] = 0;
        }
        size = 0;
    }

    /** Documents touched since the last {@link #clear}. */
    int size() {
        return size;
    }

    int doc(int i) {
        return touched[i];
    }

    double value(int doc) {
        return sum[doc];
    }

    /** The highest sum, or 0. */
    double best() {
        double best = 0;
        for (int i = 0; i < size; i++) {
            best = Math.max(best, value(touched[i]));
        }
        return best;
    }

    /**
     * Per-document scores of one word over several fields of a document, combined as Lucene's
     * {@code DisjunctionMaxQuery} does: the best field plus a share ({@code tie}) of the others.
     */
    static final class DisMax extends DocScores {
        private final double[] max;

        DisMax(int docs) {
            super(docs);
            this.max = new double[docs];
        }

        void addField(FieldPostings.Postings postings, double weight) {
            if (postings == null) {
                return;
            }
            int[] docs = postings.docs();
            float[] scores = postings.scores();
            for (int i = 0; i < docs.length; i++) {
                double s = weight * scores[i];
                add(docs[i], s);
                max[docs[i]] = Math.max(max[docs[i]], s);
            }
        }

        double disMax(int doc, double tie) {
            return max[doc] + tie * (value(doc) - max[doc]);
        }

        double bestDisMax(double tie) {
            double best = 0;
            for (int i = 0; i < size(); i++) {
                best = Math.max(best, disMax(doc(i), tie));
            }
            return best;
        }

        @Override
        void clear() {
            for (int i = 0; i < size(); i++) {
                max[doc(i)] = 0;
            }
            super.clear();
        }
    }
}
