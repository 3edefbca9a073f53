package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything the routes share: the bot, chats and messages, updates, callback queries, the webhook. */
final class EmulatorState {
    static final long BOT_ID = 7_000_000_001L;
    static final String BOT_USERNAME = "TosDeskTestBot";

    final UpdateQueue updates = new UpdateQueue(700_000_001);
    final ChatLog chats = new ChatLog();
    final ChatMembers members = new ChatMembers();
    /** getMe's can_read_all_group_messages: false while the bot's privacy mode is on (BotFather's default). */
    volatile boolean readsAllGroupMessages;
    private final Map<String, Boolean> callbacks = new HashMap<>();
    private final List<SentDocument> documents = new ArrayList<>();
    private int callbackSeq;
    private volatile String webhookUrl;

    synchronized String newCallback() {
        String id = "cbq-" + (++callbackSeq);
        callbacks.put(id, false);
        return id;
    }

    /** @return false when the id is unknown or was answered already */
    synchronized boolean answerCallback(String id) {
        Boolean answered = callbacks.get(id);
        if (answered == null || answered) {
            return false;
        }
        callbacks.put(id, true);
        return true;
    }

    synchronized List<String> answeredCallbacks() {
        return callbacks.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
    }

    synchronized void addDocument(SentDocument document) {
        documents.add(document);
        notifyAll();
    }

    synchronized List<SentDocument> documents() {
        return List.copyOf(documents);
    }

    String webhookUrl() {
        return webhookUrl;
    }

    void setWebhookUrl(String url) {
        webhookUrl = url;
    }

    // --- JSON in the Bot API's shape ---

    static ObjectNode botUser() {
        ObjectNode u = ApiCall.JSON.createObjectNode();
        u.put("id", BOT_ID);
        u.put("is_bot", true);
        u.put("first_name", "ТОС дежурный");
        u.put("username", BOT_USERNAME);
        return u;
    }

    static ObjectNode user(TgUser user) {
        ObjectNode u = ApiCall.JSON.createObjectNode();
        u.put("id", user.id());
        u.put("is_bot", false);
        u.put("first_name", user.firstName());
        if (user.lastName() != null) {
            u.put("last_name", user.lastName());
        }
        if (user.username() != null) {
            u.put("username", user.username());
        }
        u.put("language_code", "ru");
        return u;
    }

    static ObjectNode chat(ChatLog.ChatInfo chat) {
        ObjectNode c = ApiCall.JSON.createObjectNode();
        c.put("id", chat.id());
        c.put("type", chat.type());
        if (chat.title() != null) {
            c.put("title", chat.title());
        }
        if (chat.user() != null) {
            c.put("first_name", chat.user().firstName());
            if (chat.user().username() != null) {
                c.put("username", chat.user().username());
            }
        }
        return c;
    }

    /** A message object; {@code from} is the bot when {@code author} is null. */
    ObjectNode message(SentMessage m, TgUser author) {
        ObjectNode node = ApiCall.JSON.createObjectNode();
        node.put("message_id", m.messageId());
        node.set("from", author == null ? botUser() : user(author));
        node.put("date", Instant.now().getEpochSecond());
        node.set("chat", chat(chats.chat(m.chatId()).orElseThrow()));
        if (m.text() != null) {
            node.put("text", m.text());
        }
        if (m.replyTo() != null) {
            chats.find(m.chatId(), m.replyTo()).ifPresent(r -> {
                ObjectNode replied = ApiCall.JSON.createObjectNode();
                replied.put("message_id", r.messageId());
                replied.put("date", Instant.now().getEpochSecond());
                replied.set("chat", chat(chats.chat(m.chatId()).orElseThrow()));
                replied.set("from", r.fromBot() ? botUser() : ApiCall.JSON.createObjectNode().put("id", 1).put("is_bot", false).put("first_name", "?"));
                if (r.text() != null) {
                    replied.put("text", r.text());
                }
                node.set("reply_to_message", replied);
            });
        }
        if (!m.keyboard().isEmpty()) {
            node.set("reply_markup", keyboardJson(m.keyboard()));
        }
        return node;
    }

    static ObjectNode keyboardJson(List<List<Button>> keyboard) {
        ObjectNode markup = ApiCall.JSON.createObjectNode();
        ArrayNode rows = markup.putArray("inline_keyboard");
        for (List<Button> row : keyboard) {
            ArrayNode r = rows.addArray();
            for (Button b : row) {
                r.addObject().put("text", b.text()).put("callback_data", b.callbackData());
            }
        }
        return markup;
    }

    static List<List<Button>> keyboard(JsonNode markup) {
        List<List<Button>> rows = new ArrayList<>();
        if (markup == null || !markup.path("inline_keyboard").isArray()) {
            return rows;
        }
        for (JsonNode row : markup.path("inline_keyboard")) {
            List<Button> r = new ArrayList<>();
            for (JsonNode b : row) {
                r.add(new Button(b.path("text").asText(), b.hasNonNull("callback_data") ? b.get("callback_data").asText() : null));
            }
            rows.add(List.copyOf(r));
        }
        return List.copyOf(rows);
    }
}
