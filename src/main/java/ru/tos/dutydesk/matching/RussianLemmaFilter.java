package ru.tos.dutydesk.matching;

import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.tartarus.snowball.ext.RussianStemmer;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces each word by one normal form: its dictionary lemma when the dictionary knows the word
 * ("уставе" → "устав", "оплачу" → "оплатить"), otherwise its Snowball stem ("тоса" → "тос": abbreviations and
 * slang are not in the dictionary). With {@code stemLemmas} the lemma is stemmed too, which joins derived words
 * such as "оплата"/"оплатить" → "оплат".
 *
 * <p>Exactly one token comes out per token in, so the stream stays linear and the synonym filter after it
 * can match multi-word phrases. Ambiguous forms take the lemma most of their readings share ("стали" → "сталь"
 * loses to context, but "день" stays "день", not "деть").
 */
final class RussianLemmaFilter extends TokenFilter {
    /** Token type of a word the dictionary does not know; known words get their part of speech (NN, VB, ADJ...). */
    static final String UNKNOWN = "UNK";

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final DictionaryLookup lookup;
    private final RussianStemmer stemmer = new RussianStemmer();
    private final boolean stemLemmas;
    /** part of speech of the last lemma found */
    private String partOfSpeech = UNKNOWN;
    /**
     * Normal forms already worked out. A dictionary look-up costs microseconds and the same few thousand words
     * recur in every question and variant; the filter is reused by one thread at a time (Lucene's analyzer reuse),
     * so a plain map is safe. Cleared when it grows past {@link #CACHE_LIMIT}, so junk text cannot fill memory.
     */
    private final Map<String, Normal> cache = new HashMap<>();
    private static final int CACHE_LIMIT = 50_000;

    private record Normal(String term, String type) {
    }

    RussianLemmaFilter(TokenStream input, RussianDictionary dictionary, boolean stemLemmas) {
        super(input);
        this.lookup = new DictionaryLookup(dictionary.dictionary());
        this.stemLemmas = stemLemmas;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String word = term.toString();
        Normal normal = cache.get(word);
        if (normal == null) {
            normal = normalForm(word);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(word, normal);
        }
        type.setType(normal.type());
        term.setEmpty().append(normal.term());
        return true;
    }

    private Normal normalForm(String word) {
        String lemma = lemma(word);
        if (lemma == null) {
            return new Normal(stem(word), UNKNOWN);
        }
        return new Normal(stemLemmas ? stem(normalise(lemma)) : normalise(lemma), partOfSpeech);
    }

    private String lemma(String word) {
        if (word.length() < 2 || !isCyrillic(word)) {
            return null;
        }
        List<WordData> readings = lookup.lookup(word);
        if (readings.isEmpty()) {
            return null;
        }
        Map<String, Integer> votes = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        boolean common = readings.stream().anyMatch(r -> !isProperName(r.getTag()));
        for (WordData reading : readings) {
            CharSequence stem = reading.getStem();
            // "органов" is also a surname: a common-word reading wins over a name
            if (stem != null && stem.length() > 0 && !(common && isProperName(reading.getTag()))) {
                votes.merge(stem.toString(), 1, Integer::sum);
                CharSequence tag = reading.getTag();
                tags.putIfAbsent(stem.toString(), tag == null ? UNKNOWN : tag.toString());
            }
        }
        String best = null;
        int bestVotes = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        if (best != null) {
            String tag = tags.get(best);
            int colon = tag.indexOf(':');
            // possessive pronouns ("ваш", "наш") are tagged as adjectives
            partOfSpeech = tag.contains(":MPR") ? "PNN" : colon < 0 ? tag : tag.substring(0, colon);
        }
        return best;
    }

    private static boolean isProperName(CharSequence tag) {
        if (tag == null) {
            return false;
        }
        String t = tag.toString();
        return t.contains(":Fam") || t.contains(":Name") || t.contains(":Patr");
    }

    private String stem(String word) {
        if (!isCyrillic(word)) {
            return word;
        }
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    private static String normalise(String lemma) {
        return lemma.toLowerCase(java.util.Locale.ROOT).replace('ё', 'е');
    }

    private static boolean isCyrillic(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.UnicodeBlock.of(word.charAt(i)) == Character.UnicodeBlock.CYRILLIC) {
                return true;
            }
        }
        return false;
    }
}
