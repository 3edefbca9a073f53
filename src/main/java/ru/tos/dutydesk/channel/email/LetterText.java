package ru.tos.dutydesk.channel.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A letter's own words: the quoted history of the conversation and the signature are cut off before matching, so
 * that the desk does not answer our own earlier letter or the sender's phone number. Cuts at the first line that
 * starts a quote («-----Original Message-----», «Пн, 1 дек. 2026 г. в 10:00, Иван <ivan@…>:», «> …») or a
 * signature («-- », «С уважением», «Отправлено с iPhone»).
 */
final class LetterText {
    private static final List<Pattern> QUOTE_STARTS = List.of(
            Pattern.compile("^-{2,}\\s*(Original Message|Исходное сообщение|Пересылаемое сообщение|Forwarded message)\\s*-*\\s*$",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            // "On Mon, ... wrote:", "... писал(а):", "... написал:" and Mail.ru/Yandex headers with an address, ending in ':'
            Pattern.compile("^.{0,200}(wrote|писал|написал|написала|пишет)(\\(а\\))?\\s*:\\s*$",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            Pattern.compile("^.{0,200}[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+>?\\s*:\\s*$", Pattern.UNICODE_CHARACTER_CLASS),
            // Outlook's header block of the quoted letter
            Pattern.compile("^(From|От|Отправлено|Sent):\\s.*$", Pattern.UNICODE_CASE));
    private static final List<Pattern> SIGNATURE_STARTS = List.of(
            Pattern.compile("^--\\s?$"),
            Pattern.compile("^_{5,}\\s*$"),
            Pattern.compile("^(С уважением|С наилучшими пожеланиями|Best regards|Kind regards|Regards)\\b.*$",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            Pattern.compile("^(Отправлено|Sent) (с|из|from) .{0,60}$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));

    private LetterText() {
    }

    static String ownWords(String body) {
        if (body == null) {
            return "";
        }
        String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith(">")) {
                continue; // a quoted line inside the letter; the answer may follow it (bottom posting)
            }
            if (matchesAny(QUOTE_STARTS, line) || matchesAny(SIGNATURE_STARTS, line)) {
                break;
            }
            kept.add(raw.stripTrailing());
        }
        return String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
    }

    private static boolean matchesAny(List<Pattern> patterns, String line) {
        for (Pattern p : patterns) {
            if (p.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }
}
