package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
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
import ru.tos.dutydesk.knowledge.OffTopicArea;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The knowledge base as an index. Each entry gives one entry document (question variants together, tags, answer)
 * and one document per way of asking (each question variant, and the title as the canonical question), because
 * a question is best recognised by its words meeting in one variant rather than scattered over the entry.
 * Off-topic areas are indexed after the entries the same way, their example questions as variants.
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
    /** share of the entries whose questions must have a word for it to name the desk's subject */
    private static final double SUBJECT_SHARE = 0.9;

    /** An entry or an off-topic area, as the index sees it. */
    private record Topic(String id, String title, List<String> questions, List<String> tags, String body,
                         boolean offTopic) {
        static Topic of(Entry e) {
            return new Topic(e.id(), e.title(), e.questions(), e.tags(), e.body(), false);
        }

        static Topic of(OffTopicArea a) {
            // an area has no answer; its questions stand in for one, as an entry's answer also names its subject
            return new Topic(a.id(), a.title(), a.questions(), List.of(), String.join("\n", a.questions()), true);
        }
    }

    /** entries, then off-topic areas */
    private final List<Topic> entries = new ArrayList<>();
    /** for each variant document: the index of its entry in {@link #entries} */
    private final int[] entryOfVariant;
    private final float k1;
    private final Set<String> subjectTerms;
    private final Map<String, FieldPostings> fields = new HashMap<>();

    KnowledgeIndex(KnowledgeBase knowledge, RussianAnalysis analysis) {
        knowledge.entries().forEach(e -> entries.add(Topic.of(e)));
        knowledge.offTopic().forEach(a -> entries.add(Topic.of(a)));
        Analyzer analyzer = new PerFieldAnalyzerWrapper(analysis.forIndex(knowledge.synonyms()),
                Map.of(VARIANT_SURFACE, analysis.surface(), SURFACE, analysis.surface()));
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        // one segment in memory: flushing and merging segments only costs time for an index this small
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256);
        int variants = 0;
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < entries.size(); i++) {
                Topic e = entries.get(i);
                writer.addDocument(entryDocument(i, e));
                List<String> asked = new ArrayList<>(e.questions());
                if (!e.offTopic()) {
                    // an area's title is a label for consultants, not a way of asking
                    asked.add(e.title());
                }
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
            this.subjectTerms = subjectTerms(analysis.plain());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge index", e);
        }
    }

    private static Document entryDocument(int entry, Topic e) {
        Document doc = new Document();
        doc.add(new StoredField(ENTRY, entry));
        for (String q : e.questions()) {
            doc.add(new TextField(QUESTIONS, q, Field.Store.NO));
        }
        for (String t : e.tags()) {
            doc.add(new TextField(TAGS, t, Field.Store.NO));
        }
        List<String> surface = new ArrayList<>(e.questions());
        if (!e.offTopic()) {
            surface.add(e.title());
        }
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

    /**
     * Words that name the desk's subject: written in the questions of nearly every entry (at least 90%) and of no
     * off-topic area ("тос"). Read without synonyms, which would add "тос" to any "председатель" and "местное
     * самоуправление" to every "тос". Empty without off-topic areas.
     */
    private Set<String> subjectTerms(Analyzer plain) throws IOException {
        if (entries.stream().noneMatch(Topic::offTopic)) {
            return Set.of();
        }
        Map<String, Integer> entriesWith = new HashMap<>();
        Set<String> inAreas = new HashSet<>();
        int entries = 0;
        for (Topic t : this.entries) {
            Set<String> words = new HashSet<>();
            for (String q : t.questions()) {
                try (TokenStream ts = plain.tokenStream(QUESTIONS, q)) {
                    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                    ts.reset();
                    while (ts.incrementToken()) {
                        words.add(term.toString());
                    }
                    ts.end();
                }
            }
            if (t.offTopic()) {
                inAreas.addAll(words);
            } else {
                entries++;
                words.forEach(w -> entriesWith.merge(w, 1, Integer::sum));
            }
        }
        Set<String> subject = new HashSet<>();
        for (Map.Entry<String, Integer> w : entriesWith.entrySet()) {
            if (!inAreas.contains(w.getKey()) && w.getValue() >= SUBJECT_SHARE * entries) {
                subject.add(w.getKey());
            }
        }
        return Set.copyOf(subject);
    }

    /** Whether the word names the desk's subject, so that the question is not off-topic whatever else it says. */
    boolean namesSubject(String term) {
        return subjectTerms.contains(term);
    }

    /** Whether the entry document numbered {@code index} is an off-topic area. */
    boolean offTopic(int index) {
        return entries.get(index).offTopic();
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

    /** The entry (or off-topic area) numbered {@code index} as a candidate with this confidence. */
    Candidate candidate(int index, double score) {
        Topic t = entries.get(index);
        return new Candidate(t.id(), t.title(), score, t.offTopic());
    }

    int variantCount() {
        return entryOfVariant.length;
    }

    /** The entry a variant document belongs to. */
    int entryOfVariant(int variant) {
        return entryOfVariant[variant];
    }
}
