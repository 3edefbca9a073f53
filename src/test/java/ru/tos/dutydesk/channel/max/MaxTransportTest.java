package ru.tos.dutydesk.channel.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.desk.Choice;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the MAX transport decides before and after a call: parts, keyboards, addresses, and what a failure means. */
class MaxTransportTest {
    @Test
    void longTextIsSplitIntoPartsMaxTakesEvenWhenTagsAreCounted() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            html.append("Пункт <a href=\"https://example.org/a/very/long/path/to/document/").append(i)
                    .append("\">документ ").append(i).append("</a> и <b>важное</b> слово.\n");
        }
        List<String> parts = MaxTransport.parts(html.toString());

        assertThat(parts.size()).isGreaterThan(1);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(MaxTransport.TEXT_LIMIT));
        assertThat(String.join("", parts).replaceAll("<[^>]+>", "").replaceAll("\\s", ""))
                .isEqualTo(html.toString().replaceAll("<[^>]+>", "").replaceAll("\\s", ""));
    }

    @Test
    void shortLabelsShareARowAndLongOnesGetOneEach() {
        MaxKeyboard keyboard = new MaxKeyboard(new ObjectMapper());
        ObjectNode yesNo = keyboard.attachment(List.of(new Choice("Да", "y"), new Choice("Нет", "n")));
        ObjectNode questions = keyboard.attachment(List.of(new Choice("Как зарегистрировать устав ТОС в администрации", "q:1"),
                new Choice("Что такое ТОС", "q:2")));

        assertThat(yesNo.path("type").asText()).isEqualTo("inline_keyboard");
        assertThat(yesNo.path("payload").path("buttons")).hasSize(1);
        assertThat(yesNo.path("payload").path("buttons").get(0).get(1).path("payload").asText()).isEqualTo("n");
        assertThat(questions.path("payload").path("buttons")).hasSize(2);
        assertThat(keyboard.attachment(List.of())).isNull();
        assertThat(MaxKeyboard.label("а".repeat(100))).hasSize(MaxKeyboard.MAX_LABEL).endsWith("…");
    }

    @Test
    void addressesAreChatsOrUsers() throws Exception {
        assertThat(MaxTransport.recipient("7000000042")).isEqualTo(MaxApi.Recipient.chat(7000000042L));
        assertThat(MaxTransport.recipient("user:42")).isEqualTo(MaxApi.Recipient.user(42));
        assertThatThrownBy(() -> MaxTransport.recipient("abc")).isInstanceOf(SendException.Permanent.class);
    }

    @Test
    void failuresAreRetriedOrGivenUpAsTheyDeserve() {
        SendException tooMany = MaxTransport.classify(MaxCallException.api(429, "too.many.requests", "slow down", Duration.ofSeconds(3)));
        assertThat(tooMany).isInstanceOf(SendException.Retryable.class);
        assertThat(((SendException.Retryable) tooMany).retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(MaxTransport.classify(MaxCallException.api(503, null, null, null))).isInstanceOf(SendException.Retryable.class);
        assertThat(MaxTransport.classify(MaxCallException.api(401, "verify.token", null, null))).isInstanceOf(SendException.Retryable.class);
        assertThat(MaxTransport.classify(MaxCallException.io("dropped", null))).isInstanceOf(SendException.Retryable.class);
        assertThat(MaxTransport.classify(MaxCallException.api(403, "chat.denied", null, null)))
                .isInstanceOf(SendException.Permanent.class).hasMessageContaining("остановил бота");
        assertThat(MaxTransport.classify(MaxCallException.api(400, "proto.payload", "bad", null))).isInstanceOf(SendException.Permanent.class);
    }
}
