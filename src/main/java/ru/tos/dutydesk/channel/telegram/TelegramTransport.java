package ru.tos.dutydesk.channel.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.desk.Attachment;
import ru.tos.dutydesk.desk.CardEdit;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the desk's outbound messages through the Bot API: Markdown → Telegram HTML, split under 4096 characters,
 * choices as an inline keyboard on the last part, a reply to the card when one is given. A message with an
 * attachment goes as sendDocument (multipart) with the text as its caption.
 *
 * <p>A row that was split into several messages and failed midway is resumed, not restarted: the ids of the parts
 * already delivered are kept in memory per outbox id until the row completes. Crash window: if the process dies
 * between a part's delivery and the row being marked sent, those parts are sent again after a restart
 * (Telegram has no idempotency key). The same holds for a send whose answer was lost (timeout, dropped connection).
 */
public final class TelegramTransport implements MessageTransport {
    private static final Logger log = LoggerFactory.getLogger(TelegramTransport.class);
    private static final int REMEMBERED_ROWS = 10_000;
    private static final int SHORT_LABEL = 16;
    /** Telegram's limit for a document's caption (after entity parsing; the HTML is never shorter). */
    static final int CAPTION_LIMIT = 1024;

    private final TelegramClient client;
    private final TelegramHtmlRenderer renderer;
    private final TelegramMessageSplitter splitter;
    private final TelegramRateLimiter limiter;
    private final ShownTexts shown = new ShownTexts();
    private final Map<Long, List<String>> delivered = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<String>> eldest) {
            return size() > REMEMBERED_ROWS;
        }
    });

    public TelegramTransport(TelegramClient client, TelegramHtmlRenderer renderer, TelegramMessageSplitter splitter,
                             TelegramRateLimiter limiter) {
        this.client = client;
        this.renderer = renderer;
        this.splitter = splitter;
        this.limiter = limiter;
    }

    @Override
    public Channel channel() {
        return Channel.TELEGRAM;
    }

    /** One platform message of a row: a text part, or the document (with its caption, possibly empty). */
    private record Part(String html, boolean document) {
    }

    @Override
    public List<String> send(OutboundMessage message, long outboxId) throws SendException {
        if (message.to().channel() != Channel.TELEGRAM) {
            throw new SendException.Permanent("not a Telegram address: " + message.to().channel().key(), null);
        }
        if (message.isEdit()) {
            return edit(message, outboxId);
        }
        List<Part> parts = parts(message);
        if (parts.isEmpty()) {
            throw new SendException.Permanent("nothing to send: the message is empty", null);
        }
        String chatId = message.to().chatId();
        List<String> ids = new ArrayList<>(delivered.getOrDefault(outboxId, List.of()));
        try {
            for (int i = ids.size(); i < parts.size(); i++) {
                boolean last = i == parts.size() - 1;
                acquireSlot(chatId);
                Part part = parts.get(i);
                List<Choice> choices = last ? message.choices() : List.of();
                Message sent = part.document()
                        ? sendDocument(chatId, part.html(), message.attachment(), choices, message.replyToMessageId(), outboxId)
                        : sendPart(chatId, part.html(), choices, message.replyToMessageId(), outboxId, i);
                ids.add(String.valueOf(sent.getMessageId()));
                if (!last) {
                    delivered.put(outboxId, List.copyOf(ids));
                }
            }
        } catch (SendException.Permanent e) {
            delivered.remove(outboxId);
            throw e;
        }
        delivered.remove(outboxId);
        return List.copyOf(ids);
    }

    /**
     * Edits every post of a card in place: each part gets its new text, the last one the new buttons (none removes
     * them). Edits are idempotent («message is not modified» is success), so a retried row simply edits again. When
     * the new text needs more messages than a post has, the post keeps its text, gets the new buttons, and the status
     * lines go under it as a reply. A message Telegram no longer has is skipped.
     *
     * @return the ids of the messages edited
     */
    private List<String> edit(OutboundMessage message, long outboxId) throws SendException {
        CardEdit edit = message.edit();
        String chatId = message.to().chatId();
        List<String> parts = splitter.split(renderer.render(message.markdown()));
        List<String> edited = new ArrayList<>();
        if (edit.posts().isEmpty()) {
            log.info("telegram outbox #{}: card of ticket {} was never posted, nothing to edit", outboxId, edit.ticket());
        }
        for (List<String> post : edit.posts()) {
            if (post.isEmpty()) {
                continue;
            }
            if (parts.size() > post.size()) {
                String last = post.get(post.size() - 1);
                if (editButtons(chatId, last, message.choices(), outboxId)) {
                    edited.add(last);
                }
                acquireSlot(chatId);
                sendPart(chatId, renderer.render(edit.status()), List.of(), post.get(0), outboxId, 0);
                continue;
            }
            for (int i = 0; i < post.size(); i++) {
                boolean last = i == post.size() - 1;
                // a shorter text (the card's own text erased by /forget) leaves the extra parts with a mark only
                String html = i < parts.size() ? parts.get(i) : "…";
                if (editText(chatId, post.get(i), html, last ? message.choices() : List.of(), outboxId)) {
                    edited.add(post.get(i));
                }
            }
        }
        return List.copyOf(edited);
    }

    /** True when the message shows the text now (edited, or it already did); false when Telegram no longer has it. */
    private boolean editText(String chatId, String messageId, String html, List<Choice> choices, long outboxId)
            throws SendException {
        if (shown.shows(chatId, messageId, html, choices)) {
            return true;
        }
        acquireSlot(chatId);
        try {
            client.execute(editText(chatId, messageId, html, ParseMode.HTML, choices));
            shown.remember(chatId, messageId, html, choices);
            return true;
        } catch (TelegramApiRequestException e) {
            shown.forget(chatId, messageId);
            if (isParseError(e)) {
                log.warn("telegram outbox #{} edit: HTML refused ({}), editing as plain text", outboxId, e.getApiResponse());
                try {
                    client.execute(editText(chatId, messageId, TelegramHtml.toPlainText(html), null, choices));
                    return true;
                } catch (TelegramApiRequestException again) {
                    return editOutcome(again, messageId, outboxId);
                } catch (TelegramApiException again) {
                    throw classify(again);
                }
            }
            return editOutcome(e, messageId, outboxId);
        } catch (TelegramApiException e) {
            shown.forget(chatId, messageId); // the edit may or may not have been made
            throw classify(e);
        }
    }

    private boolean editButtons(String chatId, String messageId, List<Choice> choices, long outboxId) throws SendException {
        shown.forget(chatId, messageId); // its text stays, its buttons change
        acquireSlot(chatId);
        try {
            client.execute(EditMessageReplyMarkup.builder().chatId(chatId).messageId(messageIdOf(messageId))
                    .replyMarkup(choices.isEmpty() ? InlineKeyboardMarkup.builder().keyboard(List.of()).build() : keyboard(choices))
                    .build());
            return true;
        } catch (TelegramApiRequestException e) {
            return editOutcome(e, messageId, outboxId);
        } catch (TelegramApiException e) {
            throw classify(e);
        }
    }

    /** «Not modified» means done; a message gone or no longer editable is skipped; anything else is the row's failure. */
    private static boolean editOutcome(TelegramApiRequestException e, String messageId, long outboxId) throws SendException {
        String said = e.getApiResponse() == null ? "" : e.getApiResponse().toLowerCase(Locale.ROOT);
        if (e.getErrorCode() != null && e.getErrorCode() == 400) {
            if (said.contains("not modified")) {
                return true;
            }
            if (said.contains("not found") || said.contains("can't be edited")) {
                log.info("telegram outbox #{}: message {} cannot be edited ({}), skipped", outboxId, messageId, e.getApiResponse());
                return false;
            }
        }
        throw classify(e);
    }

    private static EditMessageText editText(String chatId, String messageId, String text, String parseMode,
                                            List<Choice> choices) throws SendException {
        EditMessageText.EditMessageTextBuilder<?, ?> b = EditMessageText.builder()
                .chatId(chatId)
                .messageId(messageIdOf(messageId))
                .text(text)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (parseMode != null) {
            b.parseMode(parseMode);
        }
        if (!choices.isEmpty()) {
            b.replyMarkup(keyboard(choices)); // without a markup Telegram drops the buttons, as a closed card needs
        }
        return b.build();
    }

    private static Integer messageIdOf(String messageId) throws SendException {
        try {
            return Integer.valueOf(messageId.trim());
        } catch (NumberFormatException e) {
            throw new SendException.Permanent("not a Telegram message id: " + messageId, e);
        }
    }

    /** A caption too long for a document goes first as ordinary messages, so no text is lost. */
    private List<Part> parts(OutboundMessage message) {
        String html = renderer.render(message.markdown());
        List<Part> parts = new ArrayList<>();
        if (message.hasAttachment() && html.length() <= CAPTION_LIMIT) {
            parts.add(new Part(html, true));
            return parts;
        }
        splitter.split(html).forEach(p -> parts.add(new Part(p, false)));
        if (message.hasAttachment()) {
            parts.add(new Part("", true));
        }
        return parts;
    }

    /** sendDocument as multipart; the bytes are read afresh on every attempt. */
    private Message sendDocument(String chatId, String caption, Attachment file, List<Choice> choices, String replyTo,
                                 long outboxId) throws SendException {
        try {
            return client.execute(document(chatId, caption, caption.isEmpty() ? null : ParseMode.HTML, file, choices, replyTo));
        } catch (TelegramApiRequestException e) {
            if (isParseError(e)) {
                log.warn("telegram outbox #{} document caption: HTML refused ({}), sending it as plain text", outboxId,
                        e.getApiResponse());
                try {
                    return client.execute(document(chatId, TelegramHtml.toPlainText(caption), null, file, choices, replyTo));
                } catch (TelegramApiException again) {
                    throw classify(again);
                }
            }
            throw classify(e);
        } catch (TelegramApiException e) {
            throw classify(e);
        }
    }

    private static SendDocument document(String chatId, String caption, String parseMode, Attachment file,
                                         List<Choice> choices, String replyTo) {
        SendDocument.SendDocumentBuilder<?, ?> b = SendDocument.builder()
                .chatId(chatId)
                .document(new InputFile(new ByteArrayInputStream(file.bytes()), file.fileName()));
        if (!caption.isEmpty()) {
            b.caption(caption);
        }
        if (parseMode != null) {
            b.parseMode(parseMode);
        }
        replyParameters(replyTo).ifPresent(b::replyParameters);
        if (!choices.isEmpty()) {
            b.replyMarkup(keyboard(choices));
        }
        return b.build();
    }

    /**
     * Waits for the overall window (short, and every chat waits for it alike). A chat over its own limit is not
     * waited for here: the sender is told to come back, and serves other chats meanwhile.
     */
    private void acquireSlot(String chatId) throws SendException.Retryable {
        Duration chatWait = limiter.chatWait(chatId);
        if (!chatWait.isZero()) {
            throw SendException.Retryable.notYet("chat " + chatId + " is at its rate limit", chatWait);
        }
        try {
            limiter.acquire(chatId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendException.Retryable("interrupted while waiting for the rate limit", null, e);
        }
    }

    private Message sendPart(String chatId, String html, List<Choice> choices, String replyTo, long outboxId, int part)
            throws SendException {
        try {
            Message sent = client.execute(build(chatId, html, ParseMode.HTML, choices, replyTo));
            if (sent != null && sent.getMessageId() != null) {
                shown.remember(chatId, String.valueOf(sent.getMessageId()), html, choices);
            }
            return sent;
        } catch (TelegramApiRequestException e) {
            if (isParseError(e)) {
                // never lose an answer over markup: send the same part as plain text
                log.warn("telegram outbox #{} part {}: HTML refused ({}), sending it as plain text", outboxId, part + 1,
                        e.getApiResponse());
                try {
                    return client.execute(build(chatId, TelegramHtml.toPlainText(html), null, choices, replyTo));
                } catch (TelegramApiException again) {
                    throw classify(again);
                }
            }
            throw classify(e);
        } catch (TelegramApiException e) {
            throw classify(e);
        }
    }

    private static boolean isParseError(TelegramApiRequestException e) {
        return e.getErrorCode() != null && e.getErrorCode() == 400 && e.getApiResponse() != null
                && e.getApiResponse().toLowerCase(Locale.ROOT).contains("can't parse entities");
    }

    /** Maps a failed call to the sender's two kinds. Messages carry the API's description, never the token or text. */
    static SendException classify(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() != 0) {
            int code = r.getErrorCode();
            String what = code + " " + (r.getApiResponse() == null ? "" : r.getApiResponse());
            if (code == 429) {
                Integer after = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
                return new SendException.Retryable(what, after == null ? null : Duration.ofSeconds(after), e);
            }
            if (code >= 500 || code == 401 || code == 404 || code == 408 || code == 409 || code == 420) {
                // server trouble, or a token/config problem an operator can fix: keep the row
                return new SendException.Retryable(what, null, e);
            }
            return new SendException.Permanent(what, e);
        }
        // no API answer: connection refused or dropped, timeout, a body that is not the API's JSON
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new SendException.Retryable("no answer from Telegram: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + firstLine(cause.getMessage())), null, e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private static SendMessage build(String chatId, String text, String parseMode, List<Choice> choices, String replyTo) {
        SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder()
                .chatId(chatId)
                .text(text)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (parseMode != null) {
            b.parseMode(parseMode);
        }
        replyParameters(replyTo).ifPresent(b::replyParameters);
        if (!choices.isEmpty()) {
            b.replyMarkup(keyboard(choices));
        }
        return b.build();
    }

    /** Short labels («Да», «Нет», «Взять») share a row; longer ones (suggested questions) get a row each. */
    static InlineKeyboardMarkup keyboard(List<Choice> choices) {
        boolean oneRow = choices.size() <= 3 && choices.stream().allMatch(c -> c.label().length() <= SHORT_LABEL);
        List<InlineKeyboardRow> rows = new ArrayList<>();
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (Choice c : choices) {
            InlineKeyboardButton button = InlineKeyboardButton.builder().text(c.label()).callbackData(c.data()).build();
            if (oneRow) {
                row.add(button);
            } else {
                rows.add(new InlineKeyboardRow(button));
            }
        }
        if (oneRow) {
            rows.add(row);
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    /** A reply to the message with this id, sent anyway if that message is gone; none for no or a bad id. */
    private static Optional<ReplyParameters> replyParameters(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return Optional.empty();
        }
        try {
            int id = Integer.parseInt(messageId.trim());
            return Optional.of(ReplyParameters.builder().messageId(id).allowSendingWithoutReply(true).build());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
