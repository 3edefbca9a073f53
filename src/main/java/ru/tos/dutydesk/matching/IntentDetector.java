package ru.tos.dutydesk.matching;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises greetings, thanks and requests for a person, which the desk answers itself. */
public class IntentDetector {
    private static final Pattern HUMAN = Pattern.compile(".*(позовите|позови|соедините|нужен|нужна|хочу).{0,20}(человек|консультант|оператор|специалист).*");
    private static final Pattern HELLO = Pattern.compile("^(привет|здравствуйте|здрасте|добрый (день|вечер)|доброе утро)[!. ]*$");
    private static final Pattern THANKS = Pattern.compile("^(спасибо|спс|благодарю)[!. ]*$");

    public Optional<Intent> detect(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT).strip();
        if (HUMAN.matcher(t).matches()) {
            return Optional.of(Intent.ASK_HUMAN);
        }
        if (HELLO.matcher(t).matches()) {
            return Optional.of(Intent.HELLO);
        }
        if (THANKS.matcher(t).matches()) {
            return Optional.of(Intent.THANKS);
        }
        return Optional.empty();
    }
}
