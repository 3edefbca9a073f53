package ru.tos.dutydesk.channel.telegram.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The chats the emulator knows and every message in them; message ids count per chat, as in Telegram. */
final class ChatLog {
    /** A chat: a private one with a user, or a group. */
    record ChatInfo(long id, String type, String title, TgUser user) {
    }

    private final Map<Long, ChatInfo> chats = new HashMap<>();
    private final Map<Long, List<SentMessage>> messages = new HashMap<>();
    private final Map<Long, Integer> nextMessageId = new HashMap<>();
    private final Set<Long> blocked = new HashSet<>();
    private volatile Consumer<SentMessage> botMessageListener = m -> { };

    /** Told of every message the bot sends, at the moment it arrives (benchmarks time replies with it). */
    void onBotMessage(Consumer<SentMessage> listener) {
        botMessageListener = listener;
    }

    synchronized ChatInfo privateChat(TgUser user) {
        return chats.computeIfAbsent(user.id(), id -> new ChatInfo(id, "private", null, user));
    }

    synchronized ChatInfo group(long id, String title) {
        return chats.computeIfAbsent(id, k -> new ChatInfo(k, "supergroup", title, null));
    }

    synchronized Optional<ChatInfo> chat(long id) {
        return Optional.ofNullable(chats.get(id));
    }

    synchronized SentMessage add(long chatId, String text, String raw, String parseMode, Integer replyTo,
                                 List<List<Button>> keyboard, boolean fromBot) {
        int id = nextMessageId.merge(chatId, 1, Integer::sum);
        SentMessage m = new SentMessage(chatId, id, text, raw, parseMode, replyTo, keyboard, fromBot, 0);
        messages.computeIfAbsent(chatId, k -> new ArrayList<>()).add(m);
        notifyAll();
        if (fromBot) {
            botMessageListener.accept(m);
        }
        return m;
    }

    synchronized Optional<SentMessage> find(long chatId, int messageId) {
        return messages.getOrDefault(chatId, List.of()).stream().filter(m -> m.messageId() == messageId).findFirst();
    }

    synchronized void replace(SentMessage updated) {
        List<SentMessage> list = messages.get(updated.chatId());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).messageId() == updated.messageId()) {
                list.set(i, updated);
            }
        }
        notifyAll();
    }

    synchronized List<SentMessage> fromBot(long chatId) {
        return messages.getOrDefault(chatId, List.of()).stream().filter(SentMessage::fromBot).toList();
    }

    synchronized List<SentMessage> all(long chatId) {
        return List.copyOf(messages.getOrDefault(chatId, List.of()));
    }

    synchronized List<SentMessage> awaitFromBot(long chatId, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (fromBot(chatId).size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return fromBot(chatId);
    }

    /** The first message from the bot in the chat that satisfies {@code wanted}, waiting for it up to the timeout. */
    synchronized Optional<SentMessage> awaitFromBot(long chatId, Predicate<SentMessage> wanted, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            Optional<SentMessage> found = fromBot(chatId).stream().filter(wanted).findFirst();
            long left = deadline - System.currentTimeMillis();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            wait(left);
        }
    }

    synchronized void block(long chatId) {
        blocked.add(chatId);
    }

    synchronized boolean isBlocked(long chatId) {
        return blocked.contains(chatId);
    }
}
