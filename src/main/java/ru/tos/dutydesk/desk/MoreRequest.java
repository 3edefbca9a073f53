package ru.tos.dutydesk.desk;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises a resident typing «подробнее» (what the button under an answer says) as a whole message. */
final class MoreRequest {
    private static final Pattern PHRASE = Pattern.compile(
            "(расскажи(те)? |можно |а )?подробн(ее|ей)( пожалуйста)?|пожалуйста подробн(ее|ей)");

    private MoreRequest() {
    }

    /** Case, punctuation and «ё» ignored. */
    static boolean says(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('ё', 'е')
                .replaceAll("[^\\p{L}\\s]", " ").strip().replaceAll("\\s+", " ");
        return PHRASE.matcher(t).matches();
    }
}
