package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.channel.SendException;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.MarkdownText;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the desk's outbound messages to VK: Markdown rendered as plain text, split into parts, each part sent with
 * a {@code random_id} derived from the outbox row and the part's index. The id is the same on every attempt and
 * after a restart, so VK itself drops a part it already delivered; a resend after a crash shows nothing twice.
 * The choices ride on the last part as an inline keyboard.
 */
public final class VkTransport implements MessageTransport {
    /** random_id = outboxId * PARTS_PER_ROW + part; so a row may have at most this many parts. */
    static final int PARTS_PER_ROW = 16;

    private final VkApi api;
    private final PlainTextRenderer renderer;
    private final VkMessageSplitter splitter;
    private final VkKeyboard keyboard;

    VkTransport(VkApi api, PlainTextRenderer renderer, VkMessageSplitter splitter, VkKeyboard keyboard) {
        this.api = api;
        this.renderer = renderer;
        this.splitter = splitter;
        this.keyboard = keyboard;
    }

    @Override
    public Channel channel() {
        return Channel.VK;
    }

    @Override
    public List<String> send(OutboundMessage message, long outboxId) throws SendException {
        if (message.to().channel() != Channel.VK) {
            throw new SendException.Permanent("не адрес VK: " + message.to(), null);
        }
        if (message.isEdit()) {
            // cards live in the consultants' chat, which is never on VK: nothing to edit here
            return List.of();
        }
        long peerId = peerId(message.to().chatId());
        List<String> parts = splitter.split(renderer.render(withFileNote(message)));
        if (parts.isEmpty()) {
            throw new SendException.Permanent("пустое сообщение: VK не принимает сообщение без текста", null);
        }
        if (parts.size() > PARTS_PER_ROW) {
            throw new SendException.Permanent("сообщение слишком длинное для VK: " + parts.size() + " частей", null);
        }
        String buttons = keyboard.inline(message.choices());
        List<String> ids = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            try {
                long id = api.send(peerId, parts.get(i), randomId(outboxId, i), last ? buttons : null);
                ids.add(Long.toString(id));
            } catch (VkCallException e) {
                throw classify(e);
            }
        }
        return ids;
    }

    /**
     * Documents are not sent to VK (that needs an upload server and a docs token, and only Telegram coordinators
     * ask for files); the person reads what the file was and where to get it instead.
     */
    static String withFileNote(OutboundMessage message) {
        if (!message.hasAttachment()) {
            return message.markdown();
        }
        String note = "(Файл «" + MarkdownText.literal(message.attachment().fileName())
                + "» в VK не отправляется: получите его в Telegram командой /export или командой report на сервере.)";
        return message.markdown().isBlank() ? note : message.markdown() + "\n\n" + note;
    }

    static long randomId(long outboxId, int part) {
        return outboxId * PARTS_PER_ROW + part;
    }

    private static long peerId(String chatId) throws SendException.Permanent {
        try {
            return Long.parseLong(chatId);
        } catch (NumberFormatException e) {
            throw new SendException.Permanent("неверный адрес VK: " + chatId, e);
        }
    }

    /** What the sender should do about a failed call (codes: dev.vk.com/reference/errors). */
    static SendException classify(VkCallException e) {
        if (e.kind() != VkCallException.Kind.API) {
            // refused or dropped connection, timeout, 5xx, garbage from a proxy: all may pass
            return new SendException.Retryable(e.getMessage(), null, e);
        }
        int code = e.code().orElse(-1);
        return switch (code) {
            // too many requests per second, flood control, rate limit reached: wait a bit longer than our window
            case 6 -> new SendException.Retryable(e.getMessage(), Duration.ofSeconds(1), e);
            case 9, 29 -> new SendException.Retryable(e.getMessage(), null, e);
            case 10 -> new SendException.Retryable(e.getMessage(), null, e);
            case 901 -> new SendException.Permanent("житель не разрешил сообщения от сообщества (VK 901)", e);
            case 902 -> new SendException.Permanent("житель запретил сообщения настройками приватности (VK 902)", e);
            case 7 -> new SendException.Permanent("у ключа сообщества нет права на сообщения (VK 7): проверьте настройки сообщества", e);
            case 914 -> new SendException.Permanent("сообщение слишком длинное для VK (VK 914)", e);
            default -> new SendException.Permanent(e.getMessage(), e);
        };
    }
}
