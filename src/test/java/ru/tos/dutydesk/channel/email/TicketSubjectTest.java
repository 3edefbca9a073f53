package ru.tos.dutydesk.channel.email;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TicketSubjectTest {
    @Test
    void theNumberIsPutInOnceAndReplyPrefixesDoNotPileUp() {
        assertThat(TicketSubject.reply("Устав", Optional.of(12L))).isEqualTo("Re: [ТОС №12] Устав");
        assertThat(TicketSubject.reply("RE: Re: [ТОС №12] Устав", Optional.of(12L))).isEqualTo("Re: [ТОС №12] Устав");
        assertThat(TicketSubject.reply("Fwd: Устав", Optional.empty())).isEqualTo("Re: Устав");
        assertThat(TicketSubject.reply("", Optional.empty())).isEqualTo("Re: Ваш вопрос");
    }
}
