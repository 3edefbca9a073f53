package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
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

/**
 * The knowledge base as an in-memory Lucene index. Each entry gives one entry document (question variants together, tags, answer)
 * and one document per way of asking (each question variant, and the title as the canonical question), because
 * a question is best recognised by its words meeting in one variant rather than scattered over the entry.
 * Read-only once built.
 */
final class KnowledgeIndex {
    static final String ENTRY = "entry";
    static final String QUESTIONS = "questions";
    static final String TAGS = "tags";
    static final String BODY = "body";
    static final String VARIANT = "variant";
    /** a variant as plain lower-case words, for typo-tolerant matching */
    static final String VARIANT_SURFACE = "variant_surface";
    /** title, questions and tags as plain lower-case words, for typo-tolerant matching */
    static final String SURFACE = "surface";

    private static final Pattern LINKS_AND_PLACEHOLDERS = Pattern.compile("https?://\\S+|\\{\\{[^}]*}}");

    private final IndexSearcher searcher;
    private final List<Entry> entries;
    /** for each Lucene doc: the index of its entry in {@link #entries} */
    private final int[] entryOfDoc;

    KnowledgeIndex(KnowledgeBase knowledge, RussianAnalysis analysis) {
        this.entries = knowledge.entries();
        Analyzer analyzer = new PerFieldAnalyzerWrapper(analysis.forIndex(knowledge.synonyms()),
                Map.of(VARIANT_SURFACE, analysis.surface(), SURFACE, analysis.surface()));
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                writer.addDocument(entryDocument(i, e));
                List<String> variants = new ArrayList<>(e.questions());
                variants.add(e.title());
                for (String v : variants) {
                    writer.addDocument(variantDocument(i, v));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the knowledge index", e);
        }
        try {
            this.searcher = new IndexSearcher(DirectoryReader.open(directory));
            StoredFields stored = searcher.storedFields();
            int maxDoc = searcher.getIndexReader().maxDoc();
            this.entryOfDoc = new int[maxDoc];
            for (int doc = 0; doc < maxDoc; doc++) {
                entryOfDoc[doc] = stored.document(doc).getField(ENTRY).numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge index", e);
        }
    }

    private static Document entryDocument(int entry, Entry e) {
        Document doc = new Document();
        doc.add(new StoredField(ENTRY, entry));
        for (String q : e.questions()) {
            doc.add(new TextField(QUESTIONS, q, Field.Store.NO));
        }
        for (String t : e.tags()) {
            doc.add(new TextField(TAGS, t, Field.Store.NO));
        }
        List<String> surface = new ArrayList<>(e.questions());
        surface.add(e.title());
        surface.addAll(e.tags());
        doc.add(new TextField(SURFACE, String.join("\n", surface), Field.Store.NO));
        doc.add(new TextField(BODY, LINKS_AND_PLACEHOLDERS.matcher(e.body()).replaceAll(" "), Field.Store.NO));
        return doc;
    }

    private static Document variantDocument(int entry, String variant) {
        Document doc = new Document();
        doc.add(new StoredField(ENTRY, entry));
        doc.add(new TextField(VARIANT, variant, Field.Store.NO));
        doc.add(new TextField(VARIANT_SURFACE, variant, Field.Store.NO));
        return doc;
    }

    IndexSearcher searcher() {
        return searcher;
    }

    int entryCount() {
        return entries.size();
    }

    Entry entry(int index) {
        return entries.get(index);
    }

    int docCount() {
        return entryOfDoc.length;
    }

    /** The entry a Lucene document belongs to. */
    int entryOf(int doc) {
        return entryOfDoc[doc];
    }
}
