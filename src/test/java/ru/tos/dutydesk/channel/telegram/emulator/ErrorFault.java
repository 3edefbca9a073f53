package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

/** Any API error, e.g. 401 Unauthorized for a revoked token or 404 Not Found. */
public record ErrorFault(int code, String description) implements Fault {
    @Override
    public boolean apply(ApiCall call) throws IOException {
        call.error(code, description, null);
        return true;
    }
}
