package ru.tos.dutydesk.desk;

import java.util.List;
import java.util.Objects;

/**
 * A reply the desk wants delivered. The text is Markdown (CommonMark); each channel renders it for its
 * platform (Telegram HTML, VK plain text, the terminal) and splits it under the platform's length limit.
 *
 * @param to                where it goes
 * @param markdown          the text; text that came from people is escaped by the desk before it lands here.
 *                          With an attachment it is the file's caption and may be empty
 * @param choices           buttons, possibly empty
 * @param replyToMessageId  platform message id to reply to (a ticket card), or null
 * @param cardOfTicket      the ticket number when this message is that ticket's card in the consultants' chat,
 *                          so that replies to it can be matched to the ticket; null otherwise
 * @param attachment        a file to send as a document, or null for a text message
 * @param edit              set when this row edits a ticket's card in place rather than posting; null for a new post
 */
public record OutboundMessage(Address to, String markdown, List<Choice> choices, String replyToMessageId, Long cardOfTicket,
                              Attachment attachment, CardEdit edit) {
    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(markdown, "markdown");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public OutboundMessage(Address to, String markdown, List<Choice> choices, String replyToMessageId, Long cardOfTicket,
                           Attachment attachment) {
        this(to, markdown, choices, replyToMessageId, cardOfTicket, attachment, null);
    }

    /** A text message. */
    public OutboundMessage(Address to, String markdown, List<Choice> choices, String replyToMessageId, Long cardOfTicket) {
        this(to, markdown, choices, replyToMessageId, cardOfTicket, null);
    }

    public static OutboundMessage of(Address to, String markdown) {
        return new OutboundMessage(to, markdown, List.of(), null, null);
    }

    public static OutboundMessage of(Address to, String markdown, List<Choice> choices) {
        return new OutboundMessage(to, markdown, choices, null, null);
    }

    /** A file with a caption (Markdown, possibly empty). */
    public static OutboundMessage document(Address to, String caption, Attachment file, String replyToMessageId) {
        return new OutboundMessage(to, caption, List.of(), replyToMessageId, null, Objects.requireNonNull(file, "file"));
    }

    /** Replaces the text and buttons of ticket {@code ticket}'s card with these. */
    public static OutboundMessage cardEdit(Address chat, long ticket, String markdown, String status, List<Choice> choices) {
        return new OutboundMessage(chat, markdown, choices, null, null, null, new CardEdit(ticket, status, List.of()));
    }

    public boolean isEdit() {
        return edit != null;
    }

    public boolean hasAttachment() {
        return attachment != null;
    }
}
