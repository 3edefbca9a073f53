package ru.tos.dutydesk.matching;

/**
 * The matcher's weights. Question variants are what people actually ask, so they weigh most; the answer body
 * mentions many things in passing, so it weighs least.
 *
 * @param title       weight of a word found in the entry's title
 * @param questions   weight of a word found in its question variants
 * @param tags        weight of a word found in its tags
 * @param body        weight of a word found in its answer
 * @param fuzzy       weight of a typo-tolerant match (against title, questions and tags)
 * @param tie         share of the other fields' scores added for a word found in several fields
 * @param fuzzyCredit how much of a fully matched word a typo-tolerant match is worth in the confidence (0..1]
 */
public record MatchTuning(double title, double questions, double tags, double body, double fuzzy, double tie,
                          double fuzzyCredit) {
    public static MatchTuning standard() {
        return new MatchTuning(1.5, 2.0, 1.0, 0.4, 1.2, 0.2, 0.8);
    }
}
