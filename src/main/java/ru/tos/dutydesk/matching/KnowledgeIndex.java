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
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The knowledge base as an index. Each entry gives one entry document (question variants together, tags, answer)
 * and one document per way of asking (each question variant, and the title as the canonical question), because
 * a question is best recognised by its words meeting in one variant rather than scattered over the entry.
 * Lucene analyses and scores the documents once; the result is kept as {@link FieldPostings} and the Lucene index
 * is dropped. Entry documents are numbered as the entries, variant documents from 0 in their own sequence.
 * Read-only once built.
 */
final class KnowledgeIndex {
    static final String ENTRY = "entry";
    /** stored on variant documents only */
    static final String VARIANT_OF = "variant_of";
    static final String QUESTIONS = "questions";
    static final String TAGS = "tags";
    static final String BODY = "body";
    static final String VARIANT = "variant";
    /** a variant as plain lower-case words, for typo-tolerant matching */
    static final String VARIANT_SURFACE = "variant_surface";
    /** title, questions and tags as plain lower-case words, for typo-tolerant matching */
    static final String SURFACE = "surface";

    private static final Pattern LINKS_AND_PLACEHOLDERS = Pattern.compile("https?://\\S+|\\{\\{[^}]*}}");

    private final List<Entry> entries;
    /** for each variant document: the index of its entry in {@link #entries} */
    private final int[] entryOfVariant;
    private final float k1;
    private final Map<String, FieldPostings> fields = new HashMap<>();

    KnowledgeIndex(KnowledgeBase knowledge, RussianAnalysis analysis) {
        this.entries = knowledge.entries();
        Analyzer analyzer = new PerFieldAnalyzerWrapper(analysis.forIndex(knowledge.synonyms()),
                Map.of(VARIANT_SURFACE, analysis.surface(), SURFACE, analysis.surface()));
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        // one segment in memory: flushing and merging segments only costs time for an index this small
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256);
        int variants = 0;
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                writer.addDocument(entryDocument(i, e));
                List<String> asked = new ArrayList<>(e.questions());
                asked.add(e.title());
                for (String v : asked) {
                    writer.addDocument(variantDocument(i, v));
                    variants++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the knowledge index", e);
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            this.k1 = ((BM25Similarity) searcher.getSimilarity()).getK1();
            int maxDoc = reader.maxDoc();
            int[] dense = new int[maxDoc];
            this.entryOfVariant = new int[variants];
            StoredFields stored = searcher.storedFields();
            int variant = 0;
            for (int doc = 0; doc < maxDoc; doc++) {
                Document d = stored.document(doc);
                int entry = d.getField(ENTRY).numericValue().intValue();
                if (d.getField(VARIANT_OF) != null) {
                    entryOfVariant[variant] = entry;
                    dense[doc] = variant++;
                } else {
                    dense[doc] = entry;
                }
            }
            for (String field : List.of(QUESTIONS, TAGS, BODY, SURFACE, VARIANT, VARIANT_SURFACE)) {
                fields.put(field, FieldPostings.read(searcher, field, doc -> dense[doc]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge index", e);
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
        doc.add(new StoredField(VARIANT_OF, entry));
        doc.add(new TextField(VARIANT, variant, Field.Store.NO));
        doc.add(new TextField(VARIANT_SURFACE, variant, Field.Store.NO));
        return doc;
    }

    /** A field's postings: entry fields are numbered by entry, variant fields by variant. */
    FieldPostings field(String name) {
        FieldPostings f = fields.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return f;
    }

    /** BM25's term-frequency saturation, for what a word would score in a field that has it once. */
    float k1() {
        return k1;
    }

    int entryCount() {
        return entries.size();
    }

    Entry entry(int index) {
        return entries.get(index);
    }

    int variantCount() {
        return entryOfVariant.length;
    }

    /** The entry a variant document belongs to. */
    int entryOfVariant(int variant) {
        return entryOfVariant[variant];
    }
}
