package ru.tos.dutydesk.crash;

import ru.tos.dutydesk.channel.max.MaxApiEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The MAX Bot API emulator behind the crash test. */
final class MaxCrashPlatform implements CrashPlatform {
    private static final long FIRST_ACCOUNT = 510_000;

    private final MaxApiEmulator max;

    MaxCrashPlatform() {
        try {
            max = new MaxApiEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "MAX";
    }

    @Override
    public Map<String, String> env() {
        return Map.of("MAX_API_URL", max.apiUrl(), "MAX_BOT_TOKEN", MaxApiEmulator.TOKEN);
    }

    @Override
    public long account(int person) {
        return FIRST_ACCOUNT + person;
    }

    @Override
    public void ask(int person, String text) {
        max.pushMessage(account(person), text);
    }

    @Override
    public List<Reply> repliesTo(int person) {
        return max.sentTo(account(person)).stream()
                .map(s -> new Reply(s.text(), s.buttons().stream().map(MaxApiEmulator.Button::payload).toList()))
                .toList();
    }

    @Override
    public int polls() {
        return max.calls("/updates");
    }

    @Override
    public List<String> inFlight() {
        return max.updatesInFlight();
    }

    @Override
    public void beforeNextSendAnswer(Runnable action) {
        max.beforeNextSendAnswer(action);
    }

    @Override
    public boolean beforeNextConfirmingPoll(Runnable action) {
        max.insteadOfNextPoll(action);
        return true;
    }

    @Override
    public int updatesHandedOut() {
        return max.updatesHandedOut();
    }

    @Override
    public void close() {
        max.close();
    }
}
