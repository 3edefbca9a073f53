package ru.tos.dutydesk.channel.telegram;

/** Telegram answered 401 or 404 to the bot's first call: the token is wrong or revoked, retrying cannot help. */
public final class TelegramTokenRejected extends IllegalStateException {
    public TelegramTokenRejected(String message) {
        super(message);
    }
}
