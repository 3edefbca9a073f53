package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

/** 429 with retry_after, as Telegram answers a bot over its limits. */
public record TooManyRequestsFault(int retryAfterSeconds) implements Fault {
    @Override
    public boolean apply(ApiCall call) throws IOException {
        call.error(429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds);
        return true;
    }
}
