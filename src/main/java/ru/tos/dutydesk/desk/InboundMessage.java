package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.Objects;

/**
 * One update from a platform, in the desk's own terms; no platform type crosses into the desk.
 *
 * @param updateKey         unique per platform update ("telegram:123456"); a repeated key is ignored
 * @param chat              where it was written (a private chat, or the consultants' group)
 * @param from              who wrote it
 * @param text              the text, or null (a photo, a sticker, a button tap)
 * @param choice            the data of a tapped choice button, or null
 * @param platformMessageId the platform's id of this message, or null
 * @param replyToMessageId  the platform's id of the message this one replies to, or null
 * @param hasAttachment     true when the message carried a photo, file, sticker, voice and so on
 */
public record InboundMessage(
        String updateKey,
        Address chat,
        Person from,
        String text,
        String choice,
        String platformMessageId,
        String replyToMessageId,
        boolean hasAttachment,
        Instant receivedAt) {

    public InboundMessage {
        Objects.requireNonNull(updateKey, "updateKey");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public static InboundMessage text(String updateKey, Address chat, Person from, String text, Instant at) {
        return new InboundMessage(updateKey, chat, from, text, null, null, null, false, at);
    }

    public static InboundMessage choice(String updateKey, Address chat, Person from, String data, Instant at) {
        return new InboundMessage(updateKey, chat, from, null, data, null, null, false, at);
    }

    public InboundMessage withPlatformIds(String messageId, String replyTo) {
        return new InboundMessage(updateKey, chat, from, text, choice, messageId, replyTo, hasAttachment, receivedAt);
    }

    public InboundMessage withAttachment() {
        return new InboundMessage(updateKey, chat, from, text, choice, platformMessageId, replyToMessageId, true, receivedAt);
    }
}
