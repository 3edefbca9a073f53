package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The knowledge base as an in-memory Lucene index: one document per entry. Read-only once built. */
final class KnowledgeIndex {
    static final String ID = "id";
    static final String TITLE = "title";
    static final String QUESTIONS = "questions";
    static final String TAGS = "tags";
    static final String BODY = "body";
    /** title, questions and tags as plain lower-case words, for typo-tolerant matching */
    static final String SURFACE = "surface";

    private static final Pattern URL = Pattern.compile("https?://\\S+|\\{\\{[^}]*}}");

    private final IndexSearcher searcher;
    /** entry by Lucene doc id */
    private final List<Entry> byDoc;

    KnowledgeIndex(KnowledgeBase knowledge, RussianAnalysis analysis) {
        List<Entry> entries = knowledge.entries();
        Analyzer analyzer = new PerFieldAnalyzerWrapper(analysis.forIndex(knowledge.synonyms()),
                Map.of(SURFACE, analysis.surface()));
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Entry e : entries) {
                writer.addDocument(document(e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the knowledge index", e);
        }
        try {
            this.searcher = new IndexSearcher(DirectoryReader.open(directory));
            StoredFields stored = searcher.storedFields();
            List<Entry> docs = new ArrayList<>();
            for (int doc = 0; doc < searcher.getIndexReader().maxDoc(); doc++) {
                docs.add(knowledge.entry(stored.document(doc).get(ID)).orElseThrow());
            }
            this.byDoc = List.copyOf(docs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge index", e);
        }
    }

    private static Document document(Entry e) {
        Document doc = new Document();
        doc.add(new StringField(ID, e.id(), Field.Store.YES));
        doc.add(new TextField(TITLE, e.title(), Field.Store.NO));
        List<String> surface = new ArrayList<>();
        surface.add(e.title());
        for (String q : e.questions()) {
            doc.add(new TextField(QUESTIONS, q, Field.Store.NO));
            surface.add(q);
        }
        for (String t : e.tags()) {
            doc.add(new TextField(TAGS, t, Field.Store.NO));
            surface.add(t);
        }
        doc.add(new TextField(BODY, URL.matcher(e.body()).replaceAll(" "), Field.Store.NO));
        doc.add(new TextField(SURFACE, String.join(" \n ", surface), Field.Store.NO));
        return doc;
    }

    IndexSearcher searcher() {
        return searcher;
    }

    int size() {
        return byDoc.size();
    }

    Entry entry(int doc) {
        return byDoc.get(doc);
    }
}
