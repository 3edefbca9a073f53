package ru.tos.dutydesk.crash;

import ru.tos.dutydesk.channel.telegram.emulator.Button;
import ru.tos.dutydesk.channel.telegram.emulator.Fault;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;

import java.util.List;
import java.util.Map;

/** The Telegram Bot API emulator behind the crash test. */
final class TelegramCrashPlatform implements CrashPlatform {
    private static final String TOKEN = "777000222:CRASH-secret-token";
    private static final long FIRST_ACCOUNT = 910_000;

    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);

    @Override
    public String name() {
        return "Telegram";
    }

    @Override
    public Map<String, String> env() {
        return Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", tg.apiUrl());
    }

    @Override
    public long account(int person) {
        return FIRST_ACCOUNT + person;
    }

    @Override
    public void ask(int person, String text) {
        tg.pushText(TgUser.of(account(person), "Житель" + person), text);
    }

    @Override
    public List<Reply> repliesTo(int person) {
        return tg.sentTo(account(person)).stream()
                .map(m -> new Reply(m.text(), m.buttons().stream().map(Button::callbackData).toList()))
                .toList();
    }

    @Override
    public int polls() {
        return tg.calls("getUpdates");
    }

    @Override
    public List<String> inFlight() {
        return tg.updatesInFlight().stream().map(id -> "telegram:" + id).toList();
    }

    @Override
    public void beforeNextSendAnswer(Runnable action) {
        tg.inject("sendMessage", Fault.beforeAnswer(action), 1);
    }

    @Override
    public boolean beforeNextConfirmingPoll(Runnable action) {
        tg.inject("getUpdates", Fault.instead(action), 1);
        return true;
    }

    @Override
    public int updatesHandedOut() {
        return tg.deliveredUpdates();
    }

    /** Updates Telegram still keeps for the bot. */
    int unconfirmed() {
        return tg.unconfirmedUpdates();
    }

    @Override
    public void close() {
        tg.close();
    }
}
