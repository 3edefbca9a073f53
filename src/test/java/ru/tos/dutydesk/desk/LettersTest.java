package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.matching.Decision;

import static org.assertj.core.api.Assertions.assertThat;

class LettersTest {
    @Test
    void oneShortQuestionTheMatcherAnswersGetsTheArticle() {
        assertThat(Letters.needsPerson(Decision.ANSWER, "Здравствуйте! Как зарегистрировать устав ТОС?", false)).isFalse();
    }

    @Test
    void severalQuestionsALongLetterAnAttachmentOrAnUnsureMatchGoToAPerson() {
        assertThat(Letters.needsPerson(Decision.ANSWER, "Как зарегистрировать устав? И сколько это стоит?", false)).isTrue();
        assertThat(Letters.needsPerson(Decision.ANSWER, "Вопросы:\n1. устав\n2. печать", false)).isTrue();
        assertThat(Letters.needsPerson(Decision.ANSWER, "а".repeat(Letters.LONG_LETTER + 1), false)).isTrue();
        assertThat(Letters.needsPerson(Decision.ANSWER, "Посмотрите устав", true)).isTrue();
        assertThat(Letters.needsPerson(Decision.SUGGEST, "Как получить грант?", false)).isTrue();
    }
}
