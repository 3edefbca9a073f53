package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Attachment;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The transport against a stub client (the edge); the real client against the emulator is in TelegramTransportIT. */
class TelegramTransportTest {
    private static final Address CHAT = new Address(Channel.TELEGRAM, "42");

    private final TelegramClient client = mock(TelegramClient.class);
    private final TelegramTransport transport = new TelegramTransport(client, new TelegramHtmlRenderer(),
            new TelegramMessageSplitter(100), new TelegramRateLimiter(java.time.Clock.systemUTC(), d -> { }));
    private final AtomicInteger ids = new AtomicInteger(100);

    private Message sent() {
        Message m = new Message();
        m.setMessageId(ids.incrementAndGet());
        return m;
    }

    private static TelegramApiRequestException apiError(int code, String description, Integer retryAfter) {
        ApiResponse<Object> r = ApiResponse.builder().ok(false).errorCode(code).errorDescription(description)
                .parameters(retryAfter == null ? null : new ResponseParameters(null, retryAfter)).build();
        return new TelegramApiRequestException("Error executing query", r);
    }

    private static String threeParagraphs() {
        return "Первый абзац " + "а".repeat(70) + "\n\nВторой абзац " + "б".repeat(70) + "\n\nТретий абзац " + "в".repeat(70);
    }

    @Test
    void sendsHtmlWithKeyboardOnTheLastPartAndRepliesToTheCard() throws Exception {
        when(client.execute(any(SendMessage.class))).thenAnswer(i -> sent());
        OutboundMessage msg = new OutboundMessage(CHAT, threeParagraphs(),
                List.of(new Choice("Да", "yes:1"), new Choice("Нет", "no:1")), "17", null);
        List<String> result = transport.send(msg, 1);
        assertThat(result).containsExactly("101", "102", "103");
        ArgumentCaptor<SendMessage> sentMessages = ArgumentCaptor.forClass(SendMessage.class);
        verify(client, times(3)).execute(sentMessages.capture());
        List<SendMessage> all = sentMessages.getAllValues();
        assertThat(all).allSatisfy(s -> {
            assertThat(s.getParseMode()).isEqualTo("html");
            assertThat(s.getChatId()).isEqualTo("42");
            assertThat(s.getReplyParameters().getMessageId()).isEqualTo(17);
            assertThat(s.getReplyParameters().getAllowSendingWithoutReply()).isTrue();
        });
        assertThat(all.get(0).getReplyMarkup()).isNull();
        InlineKeyboardMarkup kb = (InlineKeyboardMarkup) all.get(2).getReplyMarkup();
        assertThat(kb.getKeyboard()).hasSize(1);
        assertThat(kb.getKeyboard().get(0)).extracting(b -> b.getCallbackData()).containsExactly("yes:1", "no:1");
    }

    @Test
    void longLabelsGetARowEach() {
        InlineKeyboardMarkup kb = TelegramTransport.keyboard(List.of(new Choice("Как зарегистрировать ТОС", "kb:a"),
                new Choice("Что писать в уставе", "kb:b")));
        assertThat(kb.getKeyboard()).hasSize(2);
    }

    @Test
    void failureMidwayResumesWithoutResendingDeliveredParts() throws Exception {
        when(client.execute(any(SendMessage.class)))
                .thenAnswer(i -> sent())
                .thenThrow(apiError(500, "Internal Server Error", null))
                .thenAnswer(i -> sent())
                .thenAnswer(i -> sent());
        OutboundMessage msg = OutboundMessage.of(CHAT, threeParagraphs());
        assertThatThrownBy(() -> transport.send(msg, 7)).isInstanceOf(SendException.Retryable.class);
        List<String> result = transport.send(msg, 7);
        assertThat(result).containsExactly("101", "102", "103");
        ArgumentCaptor<SendMessage> sentMessages = ArgumentCaptor.forClass(SendMessage.class);
        verify(client, times(4)).execute(sentMessages.capture());
        List<SendMessage> all = sentMessages.getAllValues();
        assertThat(all.get(0).getText()).startsWith("Первый");
        assertThat(all.get(1).getText()).startsWith("Второй");
        assertThat(all.get(2).getText()).startsWith("Второй");
        assertThat(all.get(3).getText()).startsWith("Третий");
    }

    @Test
    void tooManyRequestsIsRetryableAfterTheServersWait() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(apiError(429, "Too Many Requests: retry after 7", 7));
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(CHAT, "hi"), 1))
                .isInstanceOfSatisfying(SendException.Retryable.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void serverErrorsAndLostConnectionsAreRetryable() throws Exception {
        when(client.execute(any(SendMessage.class)))
                .thenThrow(apiError(502, "Bad Gateway", null))
                .thenThrow(new TelegramApiException("Unable to execute sendmessage method", new ConnectException("refused")))
                .thenThrow(new TelegramApiRequestException("Unable to deserialize response", new RuntimeException("html page")));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> transport.send(OutboundMessage.of(CHAT, "hi"), 2)).isInstanceOf(SendException.Retryable.class);
        }
    }

    @Test
    void blockedByUserIsPermanent() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(apiError(403, "Forbidden: bot was blocked by the user", null));
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(CHAT, "hi"), 3))
                .isInstanceOf(SendException.Permanent.class).hasMessageContaining("blocked");
    }

    @Test
    void otherBadRequestIsPermanent() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(apiError(400, "Bad Request: chat not found", null));
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(CHAT, "hi"), 4)).isInstanceOf(SendException.Permanent.class);
    }

    @Test
    void refusedMarkupIsResentAsPlainTextRatherThanLost() throws Exception {
        when(client.execute(any(SendMessage.class)))
                .thenThrow(apiError(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0", null))
                .thenAnswer(i -> sent());
        List<String> ids = transport.send(OutboundMessage.of(CHAT, "**Жирный** & <текст>",
                List.of(new Choice("Да", "y"))), 5);
        assertThat(ids).containsExactly("101");
        ArgumentCaptor<SendMessage> sentMessages = ArgumentCaptor.forClass(SendMessage.class);
        verify(client, times(2)).execute(sentMessages.capture());
        SendMessage plain = sentMessages.getAllValues().get(1);
        assertThat(plain.getParseMode()).isNull();
        assertThat(plain.getText()).isEqualTo("Жирный & <текст>");
        assertThat(plain.getReplyMarkup()).isNotNull();
    }

    @Test
    void notATelegramAddressIsPermanent() {
        assertThatThrownBy(() -> transport.send(OutboundMessage.of(new Address(Channel.VK, "1"), "x"), 6))
                .isInstanceOf(SendException.Permanent.class);
    }

    @Test
    void aFileGoesAsADocumentWithItsCaptionInHtml() throws Exception {
        when(client.execute(any(SendDocument.class))).thenAnswer(i -> sent());
        byte[] csv = "\uFEFFИтого;6\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        OutboundMessage msg = OutboundMessage.document(CHAT, "Отчёт — **CSV**", new Attachment("report.csv", "text/csv", csv), "17");

        assertThat(transport.send(msg, 5)).containsExactly("101");

        ArgumentCaptor<SendDocument> doc = ArgumentCaptor.forClass(SendDocument.class);
        verify(client).execute(doc.capture());
        assertThat(doc.getValue().getChatId()).isEqualTo("42");
        assertThat(doc.getValue().getCaption()).isEqualTo("Отчёт — <b>CSV</b>");
        assertThat(doc.getValue().getParseMode()).isEqualTo("html");
        assertThat(doc.getValue().getDocument().getMediaName()).isEqualTo("report.csv");
        assertThat(doc.getValue().getDocument().getNewMediaStream().readAllBytes()).isEqualTo(csv);
        assertThat(doc.getValue().getReplyParameters().getMessageId()).isEqualTo(17);
        verify(client, times(0)).execute(any(SendMessage.class));
    }

    @Test
    void aCaptionTooLongForADocumentGoesFirstAsTextAndAFailedUploadResumesWithTheFileOnly() throws Exception {
        when(client.execute(any(SendMessage.class))).thenAnswer(i -> sent());
        when(client.execute(any(SendDocument.class)))
                .thenThrow(new TelegramApiException("Unable to execute senddocument method", new ConnectException("refused")))
                .thenAnswer(i -> sent());
        String caption = ("абзац " + "ж".repeat(90) + "\n\n").repeat(12);
        OutboundMessage msg = OutboundMessage.document(CHAT, caption, new Attachment("r.html", "text/html", new byte[]{1, 2}), null);

        assertThatThrownBy(() -> transport.send(msg, 6)).isInstanceOf(SendException.Retryable.class);
        List<String> ids = transport.send(msg, 6);

        ArgumentCaptor<SendMessage> texts = ArgumentCaptor.forClass(SendMessage.class);
        verify(client, times(12)).execute(texts.capture());
        assertThat(String.join("", texts.getAllValues().stream().map(SendMessage::getText).toList()))
                .doesNotContain("<").contains("ж".repeat(90));
        assertThat(ids).hasSize(13);
        ArgumentCaptor<SendDocument> docs = ArgumentCaptor.forClass(SendDocument.class);
        verify(client, times(2)).execute(docs.capture());
        assertThat(docs.getValue().getCaption()).isNull();
    }
}
