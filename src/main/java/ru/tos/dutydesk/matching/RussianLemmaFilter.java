package ru.tos.dutydesk.matching;

import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.RussianStemmer;

import java.io.IOException;
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
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final DictionaryLookup lookup;
    private final RussianStemmer stemmer = new RussianStemmer();
    private final boolean stemLemmas;

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
        String lemma = lemma(word);
        String result;
        if (lemma == null) {
            result = stem(word);
        } else {
            result = stemLemmas ? stem(normalise(lemma)) : normalise(lemma);
        }
        term.setEmpty().append(result);
        return true;
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
        for (WordData reading : readings) {
            CharSequence stem = reading.getStem();
            if (stem != null && stem.length() > 0) {
                votes.merge(stem.toString(), 1, Integer::sum);
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
        return best;
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
