package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.tartarus.snowball.ext.RussianStemmer;
import ru.tos.dutydesk.knowledge.Synonyms;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the analyzers the matcher uses for Russian questions: tokenizer, lower case, ё→е, stop words, one
 * normal form per word ({@link Normalisation}), and the knowledge base's synonyms. Immutable; the analyzers it
 * returns are thread-safe as all Lucene analyzers are.
 */
public final class RussianAnalysis {

    /** How a word is reduced to the form that is indexed and searched. */
    public enum Normalisation {
        /** Snowball stems only (what Lucene's RussianAnalyzer does) */
        SNOWBALL,
        /** dictionary lemma; Snowball stem for words the dictionary does not know */
        LEMMA,
        /** the Snowball stem of the dictionary lemma: also joins derived words (оплата / оплатить) */
        LEMMA_STEM
    }

    /**
     * Words that say little about the topic. Lucene's Russian list minus words that separate questions here:
     * question words (кто, где, когда, зачем, сколько), modal words (можно, нельзя, надо), "человек" and numbers.
     */
    private static final Set<String> KEPT_FROM_STOCK_LIST = Set.of(
            "кто", "где", "когда", "куда", "зачем", "чем", "можно", "нельзя", "надо", "человек", "один", "два",
            "три", "без", "нет", "больше", "лучше", "после", "сейчас", "сегодня", "жизнь", "раз", "другой");

    private static final NormalizeCharMap YO = yoMap();

    private final RussianDictionary dictionary;
    private final Normalisation normalisation;
    private final CharArraySet stopWords;

    public RussianAnalysis(RussianDictionary dictionary, Normalisation normalisation) {
        this(dictionary, normalisation, defaultStopWords());
    }

    public RussianAnalysis(RussianDictionary dictionary, Normalisation normalisation, CharArraySet stopWords) {
        this.dictionary = dictionary;
        this.normalisation = normalisation;
        this.stopWords = CharArraySet.unmodifiableSet(stopWords);
    }

    /** The default, chosen by measurement: stems of lemmas (Snowball for unknown words), the trimmed stop list. */
    public static RussianAnalysis standard() {
        return new RussianAnalysis(RussianDictionary.shared(), Normalisation.LEMMA_STEM);
    }

    public static CharArraySet defaultStopWords() {
        CharArraySet set = new CharArraySet(200, true);
        for (Object word : RussianAnalyzer.getDefaultStopSet()) {
            String w = new String((char[]) word);
            if (!KEPT_FROM_STOCK_LIST.contains(w)) {
                set.add(w.replace('ё', 'е'));
            }
        }
        return set;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    /** Normal forms without synonyms: for queries (the index holds the synonyms). */
    public Analyzer plain() {
        return new Chain(null, false);
    }

    /** Normal forms with synonym groups added at their positions, flattened for indexing. */
    public Analyzer forIndex(Synonyms synonyms) {
        return new Chain(synonymMap(synonyms), true);
    }

    /** Normal forms with synonyms as a token graph (not flattened): for query-time expansion. */
    public Analyzer forQuery(Synonyms synonyms) {
        return new Chain(synonymMap(synonyms), false);
    }

    /** Lower-cased words with ё→е and no stop words or stemming: what typo tolerance compares against. */
    public Analyzer surface() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new LowerCaseFilter(source);
                ts = new StopFilter(ts, stopWords);
                return new TokenStreamComponents(source, ts);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new MappingCharFilter(YO, reader);
            }
        };
    }

    /** Analyses a text with the given analyzer into its terms, in order. Never throws for any text. */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private SynonymMap synonymMap(Synonyms synonyms) {
        if (synonyms == null || synonyms.groups().isEmpty()) {
            return null;
        }
        Analyzer base = plain();
        try {
            SynonymMap.Builder builder = new SynonymMap.Builder(true);
            int rules = 0;
            for (List<String> group : synonyms.groups()) {
                List<CharsRef> phrases = new ArrayList<>();
                for (String phrase : group) {
                    List<String> words = terms(base, phrase);
                    if (!words.isEmpty()) {
                        phrases.add(SynonymMap.Builder.join(words.toArray(String[]::new), new CharsRefBuilder()));
                    }
                }
                for (CharsRef from : phrases) {
                    for (CharsRef to : phrases) {
                        if (!from.equals(to)) {
                            builder.add(from, to, true);
                            rules++;
                        }
                    }
                }
            }
            return rules == 0 ? null : builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the synonym map", e);
        } finally {
            base.close();
        }
    }

    private static NormalizeCharMap yoMap() {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        b.add("ё", "е");
        b.add("Ё", "Е");
        return b.build();
    }

    private final class Chain extends Analyzer {
        private final SynonymMap synonyms;
        private final boolean flatten;

        Chain(SynonymMap synonyms, boolean flatten) {
            this.synonyms = synonyms;
            this.flatten = flatten;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new LowerCaseFilter(source);
            ts = new StopFilter(ts, stopWords);
            ts = switch (normalisation) {
                case SNOWBALL -> new SnowballFilter(ts, new RussianStemmer());
                case LEMMA -> new RussianLemmaFilter(ts, dictionary, false);
                case LEMMA_STEM -> new RussianLemmaFilter(ts, dictionary, true);
            };
            if (synonyms != null) {
                ts = new SynonymGraphFilter(ts, synonyms, true);
                if (flatten) {
                    ts = new FlattenGraphFilter(ts);
                }
            }
            ts = new RemoveDuplicatesTokenFilter(ts);
            return new TokenStreamComponents(source, ts);
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(YO, reader);
        }

        @Override
        protected Reader initReaderForNormalization(String fieldName, Reader reader) {
            return new MappingCharFilter(YO, reader);
        }
    }
}
