package ru.tos.dutydesk.desk;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message that is only the number of a choice, as people type it: «2», «2.», «2)», «№2», «#2».
 * The console shows choices numbered, and on Telegram and VK people count the buttons too.
 */
final class ChoiceNumber {
    private static final Pattern NUMBER = Pattern.compile("[№#]?\\s*(\\d{1,9})\\s*[.)!]?");

    private ChoiceNumber() {
    }

    /** The number typed (1 is the first choice), or empty when the text is anything but one number. */
    static OptionalInt parse(String text) {
        Matcher m = NUMBER.matcher(text.strip());
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** «1», «1 или 2», «1, 2 или 3»: the numbers that pick one of {@code count} choices. */
    static String valid(int count) {
        StringBuilder sb = new StringBuilder("1");
        for (int i = 2; i <= count; i++) {
            sb.append(i == count ? " или " : ", ").append(i);
        }
        return sb.toString();
    }
}
