package ru.tos.dutydesk.channel.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.channel.telegram.TelegramHtml;
import ru.tos.dutydesk.channel.telegram.TelegramHtmlRenderer;
import ru.tos.dutydesk.channel.telegram.TelegramMessageSplitter;
import ru.tos.dutydesk.channel.telegram.TelegramRateLimiter;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.MarkdownText;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the desk's outbound messages to MAX: Markdown rendered as HTML ({@code format: "html"}; the tags are the
 * ones Telegram's renderer makes, which MAX's HTML also knows, bar the quote, whose text is kept), split under MAX's
 * 4000 characters, the choices as an inline keyboard on the last part. At most the configured number of messages
 * a second go to one chat: a chat over it is told to wait (the sender serves the others meanwhile).
 *
 * <p>Like Telegram, MAX has no idempotency key. A row split into parts that failed midway is resumed, not
 * restarted (the parts delivered are remembered in memory until the row completes); a crash between MAX taking a
 * part and the row being marked sent repeats that part after the restart. The same holds for a send whose answer
 * was lost (timeout, dropped connection).
 */
public final class MaxTransport implements MessageTransport {
    private static final Logger log = LoggerFactory.getLogger(MaxTransport.class);
    /** MAX takes a text of at most 4000 characters. */
    static final int TEXT_LIMIT = 4000;
    /** Below this the splitter is not squeezed further for tag-heavy text: the part is sent and MAX judges. */
    private static final int SMALLEST_SPLIT = 1000;
    private static final int REMEMBERED_ROWS = 10_000;

    private final MaxApi api;
    private final TelegramHtmlRenderer renderer;
    private final MaxKeyboard keyboard;
    private final TelegramRateLimiter limiter;
    private final ObjectMapper json;
    private final Map<Long, List<String>> delivered = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<String>> eldest) {
            return size() > REMEMBERED_ROWS;
        }
    });

    MaxTransport(MaxApi api, TelegramHtmlRenderer renderer, MaxKeyboard keyboard, TelegramRateLimiter limiter, ObjectMapper json) {
        this.api = api;
        this.renderer = renderer;
        this.keyboard = keyboard;
        this.limiter = limiter;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.MAX;
    }

    @Override
    public List<String> send(OutboundMessage message, long outboxId) throws SendException {
        if (message.to().channel() != Channel.MAX) {
            throw new SendException.Permanent("не адрес MAX: " + message.to(), null);
        }
        MaxApi.Recipient to = recipient(message.to().chatId());
        List<String> parts = parts(html(withFileNote(message)));
        if (parts.isEmpty()) {
            throw new SendException.Permanent("пустое сообщение: MAX не принимает сообщение без текста", null);
        }
        String chat = message.to().chatId();
        List<String> ids = new ArrayList<>(delivered.getOrDefault(outboxId, List.of()));
        try {
            for (int i = ids.size(); i < parts.size(); i++) {
                boolean last = i == parts.size() - 1;
                acquireSlot(chat);
                ids.add(sendPart(to, parts.get(i), last ? message.choices() : List.of(), outboxId, i));
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

    /** The desk's Markdown as MAX HTML: Telegram's subset without the quote tag, whose lines stay as text. */
    String html(String markdown) {
        return renderer.render(markdown).replace("<blockquote>", "").replace("</blockquote>", "");
    }

    /**
     * Parts of at most 4000 characters. MAX does not say whether it counts the tags: the splitter counts what is
     * shown, and where a part's HTML comes out longer (many links) the text is split finer until it does not.
     */
    static List<String> parts(String html) {
        int limit = TEXT_LIMIT;
        while (true) {
            List<String> parts = new TelegramMessageSplitter(limit).split(html);
            if (limit <= SMALLEST_SPLIT || parts.stream().allMatch(p -> p.length() <= TEXT_LIMIT)) {
                return parts;
            }
            limit = limit * 3 / 4;
        }
    }

    /**
     * Documents are not sent to MAX (that needs an upload, and only Telegram coordinators ask for files); the
     * person reads what the file was and where to get it instead.
     */
    static String withFileNote(OutboundMessage message) {
        if (!message.hasAttachment()) {
            return message.markdown();
        }
        String note = "(Файл «" + MarkdownText.literal(message.attachment().fileName())
                + "» в MAX не отправляется: получите его в Telegram командой /export или командой report на сервере.)";
        return message.markdown().isBlank() ? note : message.markdown() + "\n\n" + note;
    }

    /** Waits for the overall window; a chat over its own limit is not waited for here but told to come back. */
    private void acquireSlot(String chat) throws SendException.Retryable {
        Duration chatWait = limiter.chatWait(chat);
        if (!chatWait.isZero()) {
            throw SendException.Retryable.notYet("MAX chat is at its rate limit", chatWait);
        }
        try {
            limiter.acquire(chat);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendException.Retryable("interrupted while waiting for the rate limit", null, e);
        }
    }

    private String sendPart(MaxApi.Recipient to, String html, List<Choice> choices, long outboxId, int part) throws SendException {
        try {
            return api.send(to, body(html, "html", choices));
        } catch (MaxCallException e) {
            if (e.kind() != MaxCallException.Kind.API || e.status() != 400) {
                throw classify(e);
            }
            // never lose an answer over markup: the same part again as plain text
            log.warn("max outbox #{} part {}: refused with HTML ({}), sending it as plain text", outboxId, part + 1, e.getMessage());
            try {
                return api.send(to, body(TelegramHtml.toPlainText(html), null, choices));
            } catch (MaxCallException again) {
                throw classify(again);
            }
        }
    }

    private ObjectNode body(String text, String format, List<Choice> choices) {
        ObjectNode body = json.createObjectNode();
        body.put("text", text);
        if (format != null) {
            body.put("format", format);
        }
        ObjectNode buttons = keyboard.attachment(choices);
        if (buttons != null) {
            body.putArray("attachments").add(buttons);
        }
        return body;
    }

    /** "123" is a chat (dialog) id; "user:45" a person whose chat id was not known. */
    static MaxApi.Recipient recipient(String chatId) throws SendException.Permanent {
        try {
            if (chatId.startsWith(MaxUpdateMapper.USER_PREFIX)) {
                return MaxApi.Recipient.user(Long.parseLong(chatId.substring(MaxUpdateMapper.USER_PREFIX.length())));
            }
            return MaxApi.Recipient.chat(Long.parseLong(chatId));
        } catch (NumberFormatException e) {
            throw new SendException.Permanent("неверный адрес MAX: " + chatId, e);
        }
    }

    /** What the sender should do about a failed call. */
    static SendException classify(MaxCallException e) {
        if (e.kind() != MaxCallException.Kind.API) {
            // refused or dropped connection, timeout, TLS, garbage from a proxy: all may pass
            return new SendException.Retryable(e.getMessage(), null, e);
        }
        int status = e.status();
        if (status == 429) {
            // MAX's own wait when it gives one; else the sender's growing backoff
            return new SendException.Retryable(e.getMessage(), e.retryAfter().orElse(null), e);
        }
        if (status >= 500 || status == 401 || status == 408) {
            // server trouble, or a token an operator can fix: keep the row
            return new SendException.Retryable(e.getMessage(), null, e);
        }
        return switch (status) {
            case 403 -> new SendException.Permanent("житель остановил бота или MAX не разрешает ему писать (MAX 403)", e);
            case 404 -> new SendException.Permanent("чат с жителем не найден в MAX (MAX 404)", e);
            default -> new SendException.Permanent(e.getMessage(), e);
        };
    }
}
