package ru.tos.dutydesk.matching;

/**
 * The matcher's weights. Question variants are what people actually ask, so they weigh most; the answer body
 * mentions many things in passing, so it weighs least.
 *
 * @param questions   weight of a word found among the entry's question variants taken together
 * @param variant     weight of a word in the one variant (or title) that shares most with the question
 * @param tags        weight of a word found in its tags
 * @param body        weight of a word found in its answer
 * @param fuzzy       weight of a typo-tolerant match against a variant, relative to an exact one
 * @param tie         share of the other fields' scores added for a word found in several entry fields
 * @param fuzzyCredit how much of a fully matched word a typo-tolerant match is worth in the confidence (0..1]
 * @param minorWords  weight of a verb, adverb, pronoun and the like, relative to a noun or adjective
 */
public record MatchTuning(double questions, double variant, double tags, double body, double fuzzy, double tie,
                          double fuzzyCredit, double minorWords) {
    public static MatchTuning standard() {
        return new MatchTuning(2.0, 1.0, 0.3, 1.8, 1.0, 0.2, 0.8, 0.7);
    }
}
