package ru.tos.dutydesk.channel.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LetterTextTest {
    @Test
    void quotedHistoryInTheStylesOfCommonMailProgramsIsCut() {
        assertThat(LetterText.ownWords("Спасибо, а сроки?\n\nВс, 6 дек. 2026 г. в 10:05, ТОС <desk@tos.example>:\n> старое"))
                .isEqualTo("Спасибо, а сроки?");
        assertThat(LetterText.ownWords("Понял.\n\n06.12.2026, 10:05, \"ТОС\" <desk@tos.example>:\nстарое"))
                .isEqualTo("Понял.");
        assertThat(LetterText.ownWords("Хорошо.\n-----Original Message-----\nFrom: x\nстарое")).isEqualTo("Хорошо.");
        assertThat(LetterText.ownWords("Хорошо.\n\nOn Sun, Dec 6, 2026 at 10:05 AM Desk wrote:\n> old")).isEqualTo("Хорошо.");
        assertThat(LetterText.ownWords("Хорошо.\n\nОт: ТОС\nОтправлено: воскресенье\nстарое")).isEqualTo("Хорошо.");
    }

    @Test
    void anAnswerBelowAQuoteIsKept() {
        assertThat(LetterText.ownWords("> Сколько человек нужно?\nТрое, как в уставе.")).isEqualTo("Трое, как в уставе.");
    }

    @Test
    void signaturesAreCut() {
        assertThat(LetterText.ownWords("Вопрос про грант?\n-- \nИван, 8-900")).isEqualTo("Вопрос про грант?");
        assertThat(LetterText.ownWords("Вопрос про грант?\n\nС уважением,\nИван Петров\nпредседатель ТОС")).isEqualTo("Вопрос про грант?");
        assertThat(LetterText.ownWords("Вопрос про грант?\n\nОтправлено с iPhone")).isEqualTo("Вопрос про грант?");
    }

    @Test
    void aLetterWithoutQuoteOrSignatureStaysWhole() {
        assertThat(LetterText.ownWords("Здравствуйте!\n\nКак зарегистрировать ТОС?\nСпасибо")).isEqualTo("Здравствуйте!\n\nКак зарегистрировать ТОС?\nСпасибо");
    }
}
