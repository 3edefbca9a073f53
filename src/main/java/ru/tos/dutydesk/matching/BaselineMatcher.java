package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plain baseline the desk's matcher is measured against: BM25 over question variants only, Lucene's stock
 * RussianAnalyzer, no synonyms, no typo tolerance. Confidence is the BM25 score over its upper bound for the
 * question (the sum of its words' idf, words unknown to the index counting as the rarest). Thread-safe.
 */
public final class BaselineMatcher implements Matcher, Ranker {
    private static final String ID = "id";
    private static final String QUESTIONS = "questions";

    private final Analyzer analyzer = new RussianAnalyzer();
    private final IndexSearcher searcher;
    private final List<Entry> byDoc;
    private final DecisionPolicy policy;

    public BaselineMatcher(KnowledgeBase knowledge, Thresholds thresholds) {
        this.policy = new DecisionPolicy(thresholds);
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Entry e : knowledge.entries()) {
                Document doc = new Document();
                doc.add(new StringField(ID, e.id(), Field.Store.YES));
                for (String q : e.questions()) {
                    doc.add(new TextField(QUESTIONS, q, Field.Store.NO));
                }
                writer.addDocument(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the baseline index", e);
        }
        try {
            this.searcher = new IndexSearcher(DirectoryReader.open(directory));
            List<Entry> docs = new ArrayList<>();
            for (int doc = 0; doc < searcher.getIndexReader().maxDoc(); doc++) {
                docs.add(knowledge.entry(searcher.storedFields().document(doc).get(ID)).orElseThrow());
            }
            this.byDoc = List.copyOf(docs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the baseline index", e);
        }
    }

    @Override
    public MatchResult match(String question) {
        return policy.decide(rank(question));
    }

    @Override
    public List<Candidate> rank(String question) {
        String text = QuestionText.clean(question);
        try {
            Set<String> terms = new LinkedHashSet<>(RussianAnalysis.terms(analyzer, text));
            if (terms.isEmpty()) {
                return List.of();
            }
            IndexReader reader = searcher.getIndexReader();
            long docCount = Math.max(1, reader.getDocCount(QUESTIONS));
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            double bound = 0;
            int clauses = 0;
            for (String t : terms) {
                if (clauses++ >= LuceneMatcher.MAX_WORDS) {
                    break;
                }
                Term term = new Term(QUESTIONS, t);
                query.add(new TermQuery(term), BooleanClause.Occur.SHOULD);
                int df = reader.docFreq(term);
                bound += Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
            }
            List<Candidate> ranked = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(query.build(), Math.max(1, byDoc.size())).scoreDocs) {
                Entry e = byDoc.get(sd.doc);
                ranked.add(new Candidate(e.id(), e.title(), Math.min(1.0, sd.score / bound)));
            }
            return ranked;
        } catch (IOException | RuntimeException e) {
            // as in LuceneMatcher: a question that cannot be matched goes to a person
            return List.of();
        }
    }
}
