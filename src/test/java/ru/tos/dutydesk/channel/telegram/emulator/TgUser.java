package ru.tos.dutydesk.channel.telegram.emulator;

/** A Telegram account the tests write as. Its private chat with the bot has the same id. */
public record TgUser(long id, String firstName, String lastName, String username) {
    public static TgUser of(long id, String firstName) {
        return new TgUser(id, firstName, null, null);
    }
}
