package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

/** One Bot API method. */
interface Route {
    void handle(ApiCall call, EmulatorState state) throws IOException, InterruptedException;
}
