package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.matching.Decision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Letters are not chat: one letter often asks several things at once, carries files, and cannot tap a suggestion.
 * So a letter gets an article only when the matcher is sure and the letter asks one short thing; anything else
 * goes to a consultant, who reads it whole.
 */
final class Letters {
    /** Longer than this (after quotes and signature are gone) is a story, not a question one article answers. */
    static final int LONG_LETTER = 1000;
    private static final Pattern QUESTION = Pattern.compile("[^?\\s][^?]*\\?+");
    private static final Pattern NUMBERED = Pattern.compile("(?m)^\\s*(\\d{1,2}[.)]|[-•*])\\s+\\S");

    private Letters() {
    }

    /** @param text the letter's own words (quoted history and signature already stripped by the channel) */
    static boolean needsPerson(Decision decision, String text, boolean hasAttachment) {
        return decision != Decision.ANSWER || hasAttachment || text.length() > LONG_LETTER || questions(text) >= 2;
    }

    /** Sentences ending in a question mark, or items of a list (1. … 2. …): each counts as one question. */
    static int questions(String text) {
        int marks = count(QUESTION.matcher(text));
        int items = count(NUMBERED.matcher(text));
        return Math.max(marks, items);
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
