package ru.tos.dutydesk.channel.vk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VkTransportTest {
    private static final Address ANNA = new Address(Channel.VK, "101");
    private final ObjectMapper json = new ObjectMapper();
    private final FakeVkApi api = new FakeVkApi();
    private VkTransport transport = new VkTransport(api, new PlainTextRenderer(), new VkMessageSplitter(30), new VkKeyboard(json));

    @Test
    void sendsPlainTextWithARandomIdDerivedFromTheOutboxRow() throws Exception {
        List<String> ids = transport.send(OutboundMessage.of(ANNA, "Ответ: **да**."), 7);

        assertThat(api.sends).containsExactly(new FakeVkApi.Send(101, "Ответ: да.", 7 * 16, null));
        assertThat(ids).containsExactly("1");
    }

    @Test
    void aLongAnswerGoesInPartsWithStableIdsAndTheButtonsOnTheLast() throws Exception {
        String md = "первый абзац текста\n\nвторой абзац текста\n\nтретий абзац текста";
        List<Choice> choices = List.of(new Choice("Помогло", "ok:5"));

        transport.send(OutboundMessage.of(ANNA, md, choices), 3);
        List<FakeVkApi.Send> first = List.copyOf(api.sends);
        api.sends.clear();
        transport.send(OutboundMessage.of(ANNA, md, choices), 3); // a retry after a crash

        assertThat(first).extracting(FakeVkApi.Send::randomId).containsExactly(48L, 49L, 50L);
        assertThat(api.sends).isEqualTo(first);
        assertThat(first.get(0).keyboard()).isNull();
        assertThat(first.get(1).keyboard()).isNull();
        JsonNode button = json.readTree(first.get(2).keyboard()).path("buttons").get(0).get(0).path("action");
        assertThat(button.path("type").asText()).isEqualTo("callback");
        assertThat(button.path("label").asText()).isEqualTo("Помогло");
        assertThat(json.readTree(button.path("payload").asText()).path("choice").asText()).isEqualTo("ok:5");
    }

    @Test
    void rateLimitsServerErrorsAndIoAreRetryable() {
        for (int code : new int[]{6, 9, 29, 10}) {
            api.sendFailures.add(VkCallException.api(code, "x"));
            assertThatThrownBy(() -> transport.send(OutboundMessage.of(ANNA, "текст"), 1))
                    .as("code %d", code).isInstanceOf(SendException.Retryable.class);
        }
        api.sendFailures.add(VkCallException.io("messages.send: connection failed", null));
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(ANNA, "текст"), 1)).isInstanceOf(SendException.Retryable.class);
        api.sendFailures.add(VkCallException.protocol("messages.send: response is not JSON"));
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(ANNA, "текст"), 1)).isInstanceOf(SendException.Retryable.class);
    }

    @Test
    void tooManyRequestsWaitsAtLeastTheLimitersWindow() {
        SendException.Retryable e = (SendException.Retryable) VkTransport.classify(VkCallException.api(6, "Too many requests per second"));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void aResidentWhoDidNotAllowMessagesIsPermanentWithAReasonForConsultants() {
        api.sendFailures.add(VkCallException.api(901, "Can't send messages for users without permission"));
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(ANNA, "текст"), 1))
                .isInstanceOf(SendException.Permanent.class)
                .hasMessageContaining("житель не разрешил сообщения от сообщества");
        assertThat(VkTransport.classify(VkCallException.api(902, "privacy"))).isInstanceOf(SendException.Permanent.class)
                .hasMessageContaining("приватности");
        assertThat(VkTransport.classify(VkCallException.api(7, "denied"))).isInstanceOf(SendException.Permanent.class);
        assertThat(VkTransport.classify(VkCallException.api(100, "bad param"))).isInstanceOf(SendException.Permanent.class)
                .hasMessageContaining("100");
    }

    @Test
    void aMessageForAnotherPlatformOrWithoutTextIsRefusedWithoutCallingVk() {
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(new Address(Channel.TELEGRAM, "5"), "текст"), 1))
                .isInstanceOf(SendException.Permanent.class);
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(ANNA, "  "), 1))
                .isInstanceOf(SendException.Permanent.class);
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(new Address(Channel.VK, "abc"), "текст"), 1))
                .isInstanceOf(SendException.Permanent.class);
        assertThat(api.sends).isEmpty();
    }

    @Test
    void moreChoicesThanVkAllowsAreCutToTenInRowsOfTwoWithShortLabels() throws Exception {
        List<Choice> many = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> new Choice("Очень длинная подпись кнопки номер " + i + " с хвостом", "c:" + i)).toList();
        transport.send(OutboundMessage.of(ANNA, "выберите", many), 1);

        JsonNode rows = json.readTree(api.sends.get(0).keyboard()).path("buttons");
        assertThat(rows).hasSize(5);
        rows.forEach(row -> {
            assertThat(row).hasSize(2);
            row.forEach(b -> assertThat(b.path("action").path("label").asText().length()).isLessThanOrEqualTo(40));
        });
        assertThat(rows.get(0).get(0).path("action").path("label").asText()).endsWith("…");
    }

    @Test
    void aFileIsNotSentToVkButTheTextSaysWhereToGetIt() throws Exception {
        OutboundMessage doc = OutboundMessage.document(ANNA, "Отчёт",
                new ru.tos.dutydesk.desk.Attachment("report.csv", "text/csv", new byte[]{1}), null);
        transport = new VkTransport(api, new PlainTextRenderer(), new VkMessageSplitter(500), new VkKeyboard(json));

        transport.send(doc, 9);

        assertThat(api.sends).singleElement().satisfies(s -> assertThat(s.text())
                .startsWith("Отчёт").contains("«report.csv»").contains("в VK не отправляется").contains("/export"));
    }
}
