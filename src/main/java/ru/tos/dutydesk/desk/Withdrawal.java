package ru.tos.dutydesk.desk;

import java.util.Locale;
import java.util.Set;

/** Recognises a resident saying their question no longer needs an answer, as a whole message. */
final class Withdrawal {
    private static final Set<String> PHRASES = Set.of(
            "вопрос снят", "вопрос снимаю", "снимаю вопрос", "уже не надо", "уже не нужно", "не надо уже",
            "спасибо не надо", "спасибо уже не надо", "спасибо не нужно", "отмена", "отменить обращение");

    private Withdrawal() {
    }

    /** The whole message is one of the withdrawal phrases (case, punctuation and «ё» ignored). */
    static boolean says(String text) {
        return PHRASES.contains(normalize(text));
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е')
                .replaceAll("[^\\p{L}\\s]", " ").strip().replaceAll("\\s+", " ");
    }
}
