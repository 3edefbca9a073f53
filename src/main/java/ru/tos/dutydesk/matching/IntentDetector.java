package ru.tos.dutydesk.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Recognises messages that are not questions: a greeting, thanks, or a request for a person. A message is an
 * intent only when it is nothing more than that: "здравствуйте, как создать ТОС?" is a question (the greeting is
 * politeness), "здрасте, есть вопрос" is a greeting. Words are compared by their beginnings (so inflections match)
 * and with one typo allowed in longer words ("спосибо", "опертор"). Stateless and thread-safe.
 */
public final class IntentDetector {
    /** Longer messages are questions or stories, not intents. */
    private static final int MAX_WORDS = 16;
    /** a request for a person may carry a couple of words of its own ("с сотрудником ассоциации") */
    private static final int MAX_OTHER_WORDS_FOR_HUMAN = 2;

    private static final List<String> GREETING = List.of("привет", "здравств", "здраств", "здрасьт", "здраст",
            "приветств", "добр", "салют", "хай", "hello", "hi", "start", "хелло", "хеллоу", "здорово");
    private static final List<String> THANKS = List.of("спасиб", "спс", "благодар", "мерси", "сенкс", "thank",
            "thx", "пасиб", "сяб");
    private static final List<String> PERSON = List.of("человек", "оператор", "консультант", "сотрудник",
            "специалист", "менеджер", "админ", "модератор", "люд", "эксперт", "юрист");
    /** Calling a person outright ("позовите консультанта"): the rest of the message is what to tell them. */
    private static final List<String> CALLING = List.of("позов", "позв", "зови", "соедин", "переключ", "перевед",
            "пригласит");
    /** Any way of asking for something: calling, and softer wishes ("хочу", "можно", "нужен"). */
    private static final List<String> ASKING = Stream.concat(CALLING.stream(), Stream.of("подключ", "дайте", "дай",
            "хочу", "хотел", "хотим", "нуж", "можно", "могу", "поговор", "пообщ", "связ", "напис", "обрат", "задать",
            "прошу")).toList();
    /** Words that fill out a greeting, thanks or request without adding a question. */
    private static final Set<String> FILLER = Set.of("а", "и", "ну", "да", "ок", "окей", "ok", "хорошо", "ладно",
            "понятно", "понял", "поняла", "ясно", "все", "всем", "большое", "огромное", "очень", "вам", "вас", "тебе",
            "вы", "ты", "я", "мне", "меня", "у", "к", "с", "со", "за", "по", "на", "в", "о", "не", "нет", "же",
            "есть", "вопрос", "вопросик", "вопросы", "пожалуйста", "пжл", "плиз", "уважаемые", "уважаемый",
            "коллеги", "друзья", "день", "дня", "вечер", "вечера", "утро", "утра", "времени", "суток", "ночи",
            "помощь", "ответ", "ответы", "информацию", "консультацию", "разъяснение", "разъяснения", "помогли",
            "подсказку", "бот", "бота", "ботом", "робот", "робота", "роботом", "автоответчик", "этот", "это",
            "там", "тут", "кто", "нибудь", "то", "бы", "срочно", "ваш", "вашим", "вашего", "пока", "еще",
            "разобрался", "разобралась", "ребята", "всего", "получил", "получила", "нормально",
            "отлично", "супер", "круто", "сразу");
    /** Words that make a message a question even when it mentions a person ("как связаться с консультантом"). */
    private static final Set<String> QUESTION = Set.of("как", "какой", "какая", "какие", "каких", "каким", "какое",
            "где", "когда", "сколько", "почему", "зачем", "что", "чем", "куда", "откуда", "ли", "чей", "чья");

    public Optional<Intent> detect(String text) {
        List<String> words = words(QuestionText.clean(text));
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            return Optional.empty();
        }
        int greeting = 0;
        int thanks = 0;
        int person = 0;
        int asking = 0;
        int other = 0;
        // "живой человек" asks for a person, but "есть кто живой?" only says hello
        boolean alive = false;
        boolean question = false;
        boolean calling = false;
        for (String w : words) {
            calling |= matchesAny(w, CALLING);
            if (QUESTION.contains(w)) {
                question = true;
            } else if (FILLER.contains(w)) {
                continue;
            } else if (w.startsWith("жив")) {
                alive = true;
            } else if (matchesAny(w, THANKS)) {
                thanks++;
            } else if (matchesAny(w, PERSON)) {
                person++;
            } else if (matchesAny(w, GREETING)) {
                greeting++;
            } else if (matchesAny(w, ASKING)) {
                asking++;
            } else {
                other++;
            }
        }
        if (person > 0 && calling) {
            return Optional.of(Intent.ASK_HUMAN);
        }
        if (question) {
            return Optional.empty();
        }
        if (alive && person == 0 && asking == 0 && other == 0) {
            return Optional.of(Intent.HELLO);
        }
        if (person > 0 && (asking > 0 && other <= MAX_OTHER_WORDS_FOR_HUMAN || other == 0)) {
            return Optional.of(Intent.ASK_HUMAN);
        }
        if (other > 0 || asking > 0 || person > 0) {
            return Optional.empty();
        }
        if (thanks > 0) {
            return Optional.of(Intent.THANKS);
        }
        if (greeting > 0) {
            return Optional.of(Intent.HELLO);
        }
        return Optional.empty();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT).replace('ё', 'е');
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                current.append(c);
            } else if (current.length() > 0) {
                words.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            words.add(current.toString());
        }
        return words;
    }

    /** The word begins with the stem, allowing one typo when the stem is long enough for that to be safe. */
    static boolean matchesAny(String word, List<String> stems) {
        for (String stem : stems) {
            if (stem.length() <= 4 ? word.equals(stem) || word.startsWith(stem) && stem.length() >= 3 : begins(word, stem)) {
                return true;
            }
        }
        return false;
    }

    private static boolean begins(String word, String stem) {
        if (word.startsWith(stem)) {
            return true;
        }
        for (int len = stem.length() - 1; len <= stem.length() + 1; len++) {
            if (len <= word.length() && EditDistance.bounded(word.substring(0, len), stem, 1) <= 1) {
                return true;
            }
        }
        return false;
    }
}
