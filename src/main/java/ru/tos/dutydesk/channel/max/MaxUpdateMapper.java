package ru.tos.dutydesk.channel.max;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Person;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns MAX updates into the desk's inbound messages: {@code message_created} in a dialog with the bot (a resident
 * wrote), {@code message_callback} (a resident pressed one of our buttons) and {@code bot_started} (a resident
 * opened the bot: greeted as /start). Group chats, channels, bots and other update types are skipped, and so is an
 * update that lacks what the desk needs, without ever failing the batch.
 *
 * <p>MAX updates carry no id of their own; the keys the desk deduplicates on come from what each one is about:
 * the message's {@code mid}, the press's {@code callback_id}, the start's chat and time.
 */
final class MaxUpdateMapper {
    private static final Logger log = LoggerFactory.getLogger(MaxUpdateMapper.class);
    static final String MESSAGE_CREATED = "message_created";
    static final String MESSAGE_CALLBACK = "message_callback";
    static final String BOT_STARTED = "bot_started";
    /** What the poll asks MAX for: exactly the types mapped here. */
    static final List<String> TYPES = List.of(MESSAGE_CREATED, MESSAGE_CALLBACK, BOT_STARTED);
    /** The chat type of a person's one-to-one chat with the bot. */
    private static final String DIALOG = "dialog";
    /** An address of a person with no known chat id: sent with ?user_id=. */
    static final String USER_PREFIX = "user:";

    private final Clock clock;

    MaxUpdateMapper(Clock clock) {
        this.clock = clock;
    }

    List<MaxInbound> map(List<JsonNode> updates) {
        List<MaxInbound> out = new ArrayList<>(updates.size());
        for (JsonNode update : updates) {
            try {
                mapOne(update).ifPresent(out::add);
            } catch (RuntimeException e) {
                // the update's content is not logged: it is what a person wrote
                log.warn("max update {} skipped: {}", update.path("update_type").asText("?"), e.getClass().getSimpleName());
            }
        }
        return out;
    }

    Optional<MaxInbound> mapOne(JsonNode update) {
        return switch (update.path("update_type").asText("")) {
            case MESSAGE_CREATED -> messageCreated(update);
            case MESSAGE_CALLBACK -> callback(update);
            case BOT_STARTED -> botStarted(update);
            default -> Optional.empty();
        };
    }

    private Optional<MaxInbound> messageCreated(JsonNode update) {
        JsonNode m = update.path("message");
        JsonNode sender = m.path("sender");
        JsonNode recipient = m.path("recipient");
        JsonNode body = m.path("body");
        long userId = sender.path("user_id").asLong(0);
        String mid = body.path("mid").asText("");
        if (userId == 0 || mid.isEmpty()) {
            log.warn("max message_created without sender or mid skipped");
            return Optional.empty();
        }
        if (sender.path("is_bot").asBoolean(false) || !isDialog(recipient)) {
            return Optional.empty(); // a bot, or a group chat or channel the bot was added to: not a resident's question
        }
        String text = body.path("text").asText("");
        JsonNode attachments = body.path("attachments");
        boolean attachment = attachments.isArray() && !attachments.isEmpty();
        JsonNode link = m.path("link");
        String replyTo = "reply".equals(link.path("type").asText()) ? blankToNull(link.path("message").path("mid").asText("")) : null;
        InboundMessage msg = new InboundMessage("max:" + mid, address(recipient.path("chat_id"), userId), person(sender),
                text.isBlank() ? null : text, null, mid, replyTo, attachment, at(m.path("timestamp")));
        return Optional.of(new MaxInbound(msg));
    }

    private Optional<MaxInbound> callback(JsonNode update) {
        JsonNode cb = update.path("callback");
        JsonNode user = cb.path("user");
        long userId = user.path("user_id").asLong(0);
        String callbackId = cb.path("callback_id").asText("");
        if (userId == 0 || callbackId.isEmpty()) {
            log.warn("max message_callback without user or callback_id skipped");
            return Optional.empty();
        }
        String payload = cb.path("payload").asText("");
        JsonNode recipient = update.path("message").path("recipient");
        Address chat = address(recipient.path("chat_id"), userId);
        if (payload.isEmpty() || !isDialog(recipient)) {
            // not one of our buttons, or not in a dialog: stop its spinner, tell the desk nothing
            return Optional.of(new MaxInbound(null, callbackId, chat.chatId()));
        }
        InboundMessage msg = InboundMessage.choice("max:cb:" + callbackId, chat, person(user), payload, at(cb.path("timestamp")))
                .withPlatformIds(blankToNull(update.path("message").path("body").path("mid").asText("")), null);
        return Optional.of(new MaxInbound(msg, callbackId, chat.chatId()));
    }

    /** The person pressed «Начать» (or opened the bot by a link): the desk greets them as it greets /start. */
    private Optional<MaxInbound> botStarted(JsonNode update) {
        JsonNode user = update.path("user");
        long userId = user.path("user_id").asLong(0);
        long chatId = update.path("chat_id").asLong(0);
        if (userId == 0 || chatId == 0) {
            log.warn("max bot_started without user or chat skipped");
            return Optional.empty();
        }
        long time = update.path("timestamp").asLong(0);
        InboundMessage msg = InboundMessage.text("max:start:" + chatId + ":" + time, address(update.path("chat_id"), userId),
                person(user), "/start", at(update.path("timestamp")));
        return Optional.of(new MaxInbound(msg));
    }

    /** A message without a chat type is taken as a dialog: only group chats and channels say otherwise. */
    private static boolean isDialog(JsonNode recipient) {
        String type = recipient.path("chat_type").asText("");
        return type.isEmpty() || DIALOG.equals(type);
    }

    private static Address address(JsonNode chatId, long userId) {
        long id = chatId.asLong(0);
        return new Address(Channel.MAX, id != 0 ? Long.toString(id) : USER_PREFIX + userId);
    }

    private static Person person(JsonNode user) {
        String first = user.path("first_name").asText("").strip();
        String last = user.path("last_name").asText("").strip();
        String name = (first + " " + last).strip();
        if (name.isEmpty()) {
            name = user.path("name").asText("").strip();
        }
        if (name.isEmpty() && !user.path("username").asText("").isBlank()) {
            name = "@" + user.path("username").asText().strip();
        }
        return new Person(Channel.MAX, user.path("user_id").asText(), name.isEmpty() ? null : name);
    }

    /** MAX times are Unix milliseconds. */
    private Instant at(JsonNode millis) {
        long ms = millis.asLong(0);
        return ms > 0 ? Instant.ofEpochMilli(ms) : clock.instant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
