package ru.tos.dutydesk.matching;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntentDetectorTest {
    private final IntentDetector detector = new IntentDetector();

    @ParameterizedTest
    @ValueSource(strings = {"Привет!", "здравствуйте", "Здраствуйте", "добрый вечер", "Доброе утро, коллеги",
            "здрасьте, у меня вопрос", "привет, есть кто живой?", "/start", "Добрый день!!! 🙂"})
    void greetings(String text) {
        assertThat(detector.detect(text)).contains(Intent.HELLO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"спасибо", "Спс", "благодарю", "всё понятно, спасибо", "Спосибо огромное!",
            "спасибо за ответ", "ок, благодарю за помощь", "мерси"})
    void thanks(String text) {
        assertThat(detector.detect(text)).contains(Intent.THANKS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"позовите человека", "хочу поговорить с консультантом", "оператор", "живой человек",
            "Опертор!", "соедините со специалистом пожалуйста", "можно консультанта?", "хочу поговорить с кансультантом",
            "нужен сотрудник, а не робот", "Позовите консультанта, пожалуйста: у нас спор о границах ТОС",
            "соедините с юристом, как нам оформить устав?"})
    void askingForAPerson(String text) {
        assertThat(detector.detect(text)).contains(Intent.ASK_HUMAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"здравствуйте, как создать тос?", "спасибо, а где взять образец устава?",
            "добрый день, сколько человек нужно для собрания", "как связаться с консультантом",
            "сколько человек должно быть в инициативной группе", "может ли один человек быть председателем",
            "нужен ли юрист для регистрации тос", "что такое тос", "", "🙂", "привет как дела у тос с грантами"})
    void questionsAreNotIntents(String text) {
        assertThat(detector.detect(text)).isEmpty();
    }
}
