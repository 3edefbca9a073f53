package ru.tos.dutydesk.channel.telegram;

import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Person;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a Telegram update into the desk's inbound message. Only private chats and the consultants' group are
 * listened to (and {@code /id} anywhere); messages from bots, service messages, edits and update kinds the desk has no use for are skipped
 * (an empty result), never an error.
 */
public final class TelegramUpdateMapper {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TelegramUpdateMapper.class);
    private final Optional<Long> consultantsChatId;
    private final Supplier<Optional<String>> botUsername;
    private final Clock clock;
    /** Groups already reported as not configured, so each is logged once per run. */
    private final java.util.Set<Long> unconfiguredSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param botUsername the bot's own username once known (getMe), to strip "@Bot" from group commands;
     *                    while unknown, any "@name" suffix of a command is stripped
     */
    public TelegramUpdateMapper(Optional<Long> consultantsChatId, Supplier<Optional<String>> botUsername, Clock clock) {
        this.consultantsChatId = consultantsChatId;
        this.botUsername = botUsername;
        this.clock = clock;
    }

    public static String updateKey(int updateId) {
        return "telegram:" + updateId;
    }

    public Optional<InboundMessage> map(Update update) {
        if (update == null || update.getUpdateId() == null) {
            return Optional.empty();
        }
        String key = updateKey(update.getUpdateId());
        if (update.getMessage() != null) {
            return message(key, update.getMessage());
        }
        if (update.getCallbackQuery() != null) {
            return callback(key, update.getCallbackQuery());
        }
        return Optional.empty();
    }

    private Optional<InboundMessage> message(String key, Message m) {
        User from = m.getFrom();
        if (from == null || Boolean.TRUE.equals(from.getIsBot()) || m.getChat() == null || m.getChat().getId() == null) {
            return Optional.empty();
        }
        String text = m.getText() != null ? m.getText() : m.getCaption();
        boolean attachment = hasAttachment(m);
        if (text != null) {
            Optional<String> command = normaliseCommand(text);
            if (command.isEmpty()) {
                return Optional.empty();
            }
            text = command.get();
        }
        if (!listenedTo(m.getChat())) {
            // a group that is not configured: only /id is answered there (how an administrator finds its id)
            noteUnconfigured(m.getChat());
            if (text == null || !text.strip().equalsIgnoreCase("/id")) {
                return Optional.empty();
            }
        }
        if ((text == null || text.isBlank()) && !attachment) {
            return Optional.empty();
        }
        Instant at = m.getDate() != null && m.getDate() > 0 ? Instant.ofEpochSecond(m.getDate()) : clock.instant();
        InboundMessage msg = InboundMessage.text(key, address(m.getChat()), person(from), text, at)
                .withPlatformIds(id(m.getMessageId()), m.getReplyToMessage() == null ? null : id(m.getReplyToMessage().getMessageId()));
        return Optional.of(attachment ? msg.withAttachment() : msg);
    }

    private Optional<InboundMessage> callback(String key, CallbackQuery q) {
        MaybeInaccessibleMessage on = q.getMessage();
        if (q.getFrom() == null || q.getData() == null || on == null || !listenedTo(on.getChat())) {
            return Optional.empty();
        }
        InboundMessage msg = InboundMessage.choice(key, address(on.getChat()), person(q.getFrom()), q.getData(), clock.instant())
                .withPlatformIds(id(on.getMessageId()), null);
        return Optional.of(msg);
    }

    /**
     * Says once per group and run that a group the desk is not set up for writes to it (a consultants' group whose id
     * is not in the config yet looks exactly like this). The group's id and title only, never the message.
     */
    private void noteUnconfigured(Chat chat) {
        if (unconfiguredSeen.add(chat.getId())) {
            log.warn("telegram: messages from group {} \"{}\" ({}) are ignored: it is not the consultants' chat. If it "
                    + "should be, set telegram.consultants-chat-id: {} (or send /id there)", chat.getId(),
                    chat.getTitle() == null ? "" : chat.getTitle(), chat.getType(), chat.getId());
        }
    }

    private boolean listenedTo(Chat chat) {
        if (chat == null || chat.getId() == null) {
            return false;
        }
        if ("private".equals(chat.getType())) {
            return true;
        }
        return consultantsChatId.isPresent() && consultantsChatId.get().equals(chat.getId());
    }

    /** "/take@DeskBot 3" → "/take 3"; a command addressed to another bot is not ours (empty). Other text as is. */
    Optional<String> normaliseCommand(String text) {
        if (!text.startsWith("/")) {
            return Optional.of(text);
        }
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String head = text.substring(0, end);
        int at = head.indexOf('@');
        if (at < 0) {
            return Optional.of(text);
        }
        String addressee = head.substring(at + 1);
        Optional<String> me = botUsername.get();
        if (me.isPresent() && !me.get().toLowerCase(Locale.ROOT).equals(addressee.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(head.substring(0, at) + text.substring(end));
    }

    private static boolean hasAttachment(Message m) {
        return m.hasPhoto() || m.hasSticker() || m.hasVoice() || m.hasDocument() || m.hasVideo() || m.hasAudio()
                || m.hasAnimation() || m.hasVideoNote() || m.hasContact() || m.hasLocation() || m.hasPoll();
    }

    private static Address address(Chat chat) {
        return new Address(Channel.TELEGRAM, String.valueOf(chat.getId()));
    }

    private static Person person(User u) {
        String name = join(u.getFirstName(), u.getLastName());
        if (name.isBlank() && u.getUserName() != null) {
            name = "@" + u.getUserName();
        }
        return new Person(Channel.TELEGRAM, String.valueOf(u.getId()), name);
    }

    private static String join(String first, String last) {
        String f = first == null ? "" : first.strip();
        String l = last == null ? "" : last.strip();
        return (f + " " + l).strip();
    }

    private static String id(Integer messageId) {
        return messageId == null ? null : String.valueOf(messageId);
    }
}
