package ru.tos.dutydesk.channel.vk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Person;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Bots Long Poll events into the desk's inbound messages: {@code message_new} (a resident wrote) and
 * {@code message_event} (a resident tapped a callback button). Other types are skipped; so is an event that lacks
 * what the desk needs, without ever failing the batch.
 */
final class VkUpdateMapper {
    private static final Logger log = LoggerFactory.getLogger(VkUpdateMapper.class);
    static final String MESSAGE_NEW = "message_new";
    static final String MESSAGE_EVENT = "message_event";

    private final VkUserNames names;
    private final ObjectMapper json;
    private final Clock clock;

    VkUpdateMapper(VkUserNames names, ObjectMapper json, Clock clock) {
        this.names = names;
        this.json = json;
        this.clock = clock;
    }

    List<VkInbound> map(List<JsonNode> updates) {
        names.prefetch(senders(updates));
        List<VkInbound> out = new ArrayList<>(updates.size());
        for (JsonNode update : updates) {
            try {
                mapOne(update).ifPresent(out::add);
            } catch (RuntimeException e) {
                // the event's content is not logged: it is what a person wrote
                log.warn("vk event {} skipped: {}", update.path("event_id").asText("?"), e.getClass().getSimpleName());
            }
        }
        return out;
    }

    private Set<Long> senders(List<JsonNode> updates) {
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode u : updates) {
            String type = u.path("type").asText();
            if (MESSAGE_NEW.equals(type)) {
                ids.add(message(u).path("from_id").asLong(0));
            } else if (MESSAGE_EVENT.equals(type)) {
                ids.add(u.path("object").path("user_id").asLong(0));
            }
        }
        return ids;
    }

    Optional<VkInbound> mapOne(JsonNode update) {
        String type = update.path("type").asText("");
        return switch (type) {
            case MESSAGE_NEW -> messageNew(update);
            case MESSAGE_EVENT -> messageEvent(update);
            default -> Optional.empty();
        };
    }

    /** Since API 5.103 the message sits in object.message; before, object was the message. */
    private static JsonNode message(JsonNode update) {
        JsonNode object = update.path("object");
        return object.has("message") ? object.path("message") : object;
    }

    private Optional<VkInbound> messageNew(JsonNode update) {
        JsonNode m = message(update);
        long peerId = m.path("peer_id").asLong(0);
        long fromId = m.path("from_id").asLong(0);
        if (peerId == 0 || fromId == 0) {
            log.warn("vk message_new {} without peer_id or from_id skipped", update.path("event_id").asText("?"));
            return Optional.empty();
        }
        if (m.path("out").asInt(0) == 1) {
            return Optional.empty(); // our own message echoed back
        }
        long cmid = m.path("conversation_message_id").asLong(0);
        String key = eventKey(update).orElse("vk:" + peerId + ":" + cmid);
        String text = m.path("text").asText("");
        boolean attachment = m.path("attachments").isArray() && !m.path("attachments").isEmpty();
        long id = m.path("id").asLong(0);
        String platformId = id != 0 ? Long.toString(id) : cmid != 0 ? Long.toString(cmid) : null;
        JsonNode reply = m.path("reply_message");
        String replyTo = reply.isObject() && reply.path("id").asLong(0) != 0 ? reply.path("id").asText() : null;
        InboundMessage msg = new InboundMessage(key, address(peerId), person(fromId), text.isBlank() ? null : text,
                null, platformId, replyTo, attachment, sentAt(m));
        return Optional.of(new VkInbound(msg, null));
    }

    private Optional<VkInbound> messageEvent(JsonNode update) {
        JsonNode o = update.path("object");
        long userId = o.path("user_id").asLong(0);
        long peerId = o.path("peer_id").asLong(0);
        String callbackId = o.path("event_id").asText("");
        if (userId == 0 || peerId == 0 || callbackId.isEmpty()) {
            log.warn("vk message_event {} without user, peer or event id skipped", update.path("event_id").asText("?"));
            return Optional.empty();
        }
        VkInbound.EventAck ack = new VkInbound.EventAck(callbackId, userId, peerId);
        String choice = choice(o.path("payload"));
        if (choice == null) {
            // not one of our buttons (an old keyboard, say): stop its spinner, tell the desk nothing
            return Optional.of(new VkInbound(null, ack));
        }
        String key = eventKey(update).orElse("vk:cb:" + callbackId);
        InboundMessage msg = InboundMessage.choice(key, address(peerId), person(userId), choice, clock.instant());
        return Optional.of(new VkInbound(msg, ack));
    }

    /** Our buttons carry {"choice": data}; VK may hand the payload back as an object or as its JSON text. */
    private String choice(JsonNode payload) {
        if (payload.isObject()) {
            JsonNode c = payload.path(VkKeyboard.PAYLOAD_FIELD);
            return c.isTextual() && !c.asText().isEmpty() ? c.asText() : null;
        }
        if (payload.isTextual()) {
            try {
                JsonNode parsed = json.readTree(payload.asText());
                return parsed != null && parsed.isObject() ? choice(parsed) : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return null;
    }

    private static Optional<String> eventKey(JsonNode update) {
        String id = update.path("event_id").asText("");
        return id.isEmpty() ? Optional.empty() : Optional.of("vk:" + id);
    }

    private Instant sentAt(JsonNode m) {
        long date = m.path("date").asLong(0);
        return date > 0 ? Instant.ofEpochSecond(date) : clock.instant();
    }

    private static Address address(long peerId) {
        return new Address(Channel.VK, Long.toString(peerId));
    }

    private Person person(long fromId) {
        return new Person(Channel.VK, Long.toString(fromId), names.name(fromId));
    }
}
