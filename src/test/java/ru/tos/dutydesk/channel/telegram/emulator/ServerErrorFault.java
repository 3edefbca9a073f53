package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

/** 500 with the API's JSON error body. */
public record ServerErrorFault() implements Fault {
    @Override
    public boolean apply(ApiCall call) throws IOException {
        call.error(500, "Internal Server Error", null);
        return true;
    }
}
