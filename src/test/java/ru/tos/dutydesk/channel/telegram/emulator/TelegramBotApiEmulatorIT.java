package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import ru.tos.dutydesk.testing.Await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator answers like Telegram where our bot can tell: checked with the real client and raw HTTP. */
class TelegramBotApiEmulatorIT {
    private static final String TOKEN = "42:EMU";
    private static final TgUser ANNA = TgUser.of(11, "Анна");
    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        tg.close();
    }

    private OkHttpTelegramClient client() {
        URI u = URI.create(tg.apiUrl());
        return new OkHttpTelegramClient(TOKEN, new TelegramUrl("http", u.getHost(), u.getPort(), false));
    }

    private JsonNode form(String method, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tg.apiUrl() + "/bot" + TOKEN + "/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = json.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(node.path("ok").asBoolean() ? 200 : node.path("error_code").asInt());
        return node;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void methodNamesAreCaseInsensitiveAndFormBodiesWork() throws Exception {
        tg.pushText(ANNA, "привет");
        JsonNode r = form("SENDMESSAGE", "chat_id=11&text=" + enc("<b>жирный</b> &amp; ровно") + "&parse_mode=HTML");
        assertThat(r.path("result").path("text").asText()).isEqualTo("жирный & ровно");
        assertThat(form("getme", "").path("result").path("username").asText()).isEqualTo(tg.botUsername());
    }

    @Test
    void offsetsConfirmAndLongPollWaits() throws Exception {
        int first = tg.pushText(ANNA, "1");
        int second = tg.pushText(ANNA, "2");
        assertThat(form("getUpdates", "offset=0").path("result")).hasSize(2);
        assertThat(form("getUpdates", "offset=" + second).path("result")).hasSize(1); // confirms the first
        assertThat(tg.unconfirmedUpdates()).isEqualTo(1);
        assertThat(form("getUpdates", "offset=" + (second + 1)).path("result")).isEmpty();
        assertThat(tg.unconfirmedUpdates()).isZero();
        long start = System.nanoTime();
        assertThat(form("getUpdates", "offset=" + (second + 1) + "&timeout=1").path("result")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return form("getUpdates", "offset=" + (second + 1) + "&timeout=10");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        int third = tg.pushText(ANNA, "3");
        JsonNode got = waiting.get();
        assertThat(got.path("result").get(0).path("update_id").asInt()).isEqualTo(third);
        assertThat(first).isLessThan(second);
    }

    @Test
    void aSecondPollerEndsTheFirstWith409() throws Exception {
        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> {
            try {
                return form("getUpdates", "timeout=5");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the first poll must be waiting before the second comes; on a busy machine the first request is slow to go out
        Await.until("the first poll reached the emulator", Duration.ofSeconds(10), () -> tg.calls("getUpdates") == 1);
        Thread.sleep(200); // from being counted to waiting for updates
        form("getUpdates", "timeout=0");
        JsonNode r = first.get();
        assertThat(r.path("error_code").asInt()).isEqualTo(409);
        assertThat(r.path("description").asText()).startsWith("Conflict: terminated by other getUpdates request");
    }

    @Test
    void refusesWhatTelegramRefuses() throws Exception {
        tg.pushText(ANNA, "привет");
        assertThat(form("sendMessage", "chat_id=11&text=" + enc("x".repeat(4097))).path("description").asText())
                .isEqualTo("Bad Request: message is too long");
        assertThat(form("sendMessage", "chat_id=11&parse_mode=HTML&text=" + enc("&lt;".repeat(4096))).path("ok").asBoolean())
                .isTrue(); // 4096 after entity parsing is fine
        assertThat(form("sendMessage", "chat_id=11&parse_mode=HTML&text=" + enc("a < b")).path("description").asText())
                .isEqualTo("Bad Request: can't parse entities: Unsupported start tag \"\" at byte offset 2");
        assertThat(form("sendMessage", "chat_id=11&parse_mode=HTML&text=" + enc("<div>x</div>")).path("description").asText())
                .startsWith("Bad Request: can't parse entities: Unsupported start tag \"div\"");
        assertThat(form("sendMessage", "chat_id=11&parse_mode=HTML&text=" + enc("<b>x")).path("description").asText())
                .isEqualTo("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
        assertThat(form("sendMessage", "chat_id=11&parse_mode=HTML&text=" + enc("<b>x</i>")).path("description").asText())
                .contains("Unmatched end tag");
        assertThat(form("sendMessage", "chat_id=11&parse_mode=HTML&text=" + enc("AT&T")).path("description").asText())
                .startsWith("Bad Request: can't parse entities:");
        assertThat(form("sendMessage", "chat_id=99&text=x").path("description").asText()).isEqualTo("Bad Request: chat not found");
        assertThat(form("sendMessage", "chat_id=11&text=").path("description").asText()).isEqualTo("Bad Request: message text is empty");
        assertThat(form("sendMessage", "chat_id=11&text=x&reply_markup=" + enc(
                "{\"inline_keyboard\":[[{\"text\":\"a\",\"callback_data\":\"" + "x".repeat(65) + "\"}]]}")).path("description").asText())
                .isEqualTo("Bad Request: BUTTON_DATA_INVALID");
        assertThat(form("sendMessage", "chat_id=11&text=x&reply_to_message_id=500").path("description").asText())
                .isEqualTo("Bad Request: message to be replied not found");
    }

    @Test
    void editsCallbacksAndDocumentsWithTheRealClient() throws Exception {
        tg.pushText(ANNA, "привет");
        OkHttpTelegramClient client = client();
        InlineKeyboardMarkup kb = InlineKeyboardMarkup.builder().keyboard(java.util.List.of(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Взять").callbackData("t:1").build()))).build();
        Message sent = client.execute(SendMessage.builder().chatId(11L).text("Заявка").replyMarkup(kb).build());
        client.execute(EditMessageText.builder().chatId(11L).messageId(sent.getMessageId()).text("<i>Заявка взята</i>")
                .parseMode("html").replyMarkup(kb).build());
        assertThat(tg.sentTo(11).get(0).text()).isEqualTo("Заявка взята");
        assertThat(tg.sentTo(11).get(0).buttons()).extracting(Button::text).containsExactly("Взять");
        assertThatThrownBy(() -> client.execute(EditMessageText.builder().chatId(11L).messageId(sent.getMessageId())
                .text("<i>Заявка взята</i>").parseMode("html").replyMarkup(kb).build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).startsWith("Bad Request: message is not modified"));
        client.execute(EditMessageReplyMarkup.builder().chatId(11L).messageId(sent.getMessageId())
                .replyMarkup(InlineKeyboardMarkup.builder().keyboard(java.util.List.of()).build()).build());
        assertThat(tg.sentTo(11).get(0).keyboard()).isEmpty();

        tg.pushCallback(11, ANNA, sent.getMessageId(), "t:1");
        JsonNode update = form("getUpdates", "offset=0").path("result");
        String queryId = update.get(update.size() - 1).path("callback_query").path("id").asText();
        assertThat(client.execute(AnswerCallbackQuery.builder().callbackQueryId(queryId).build())).isTrue();
        assertThatThrownBy(() -> client.execute(AnswerCallbackQuery.builder().callbackQueryId(queryId).build()))
                .isInstanceOf(TelegramApiRequestException.class).hasMessageContaining("query is too old");

        Message doc = client.execute(SendDocument.builder().chatId(11L).caption("Отчёт <b>за месяц</b>").parseMode("html")
                .document(new InputFile(new ByteArrayInputStream("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8)), "отчёт.csv")).build());
        assertThat(doc.getDocument().getFileName()).isEqualTo("отчёт.csv");
        assertThat(doc.getCaption()).isEqualTo("Отчёт за месяц");
        assertThat(tg.documents()).containsExactly("отчёт.csv");
        assertThat(tg.documentsTo(11)).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("a;b\n1;2\n");
            assertThat(d.caption()).isEqualTo("Отчёт за месяц");
        });
    }

    @Test
    void wrongTokenIsUnauthorized() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tg.apiUrl() + "/bot1:OTHER/getMe"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
