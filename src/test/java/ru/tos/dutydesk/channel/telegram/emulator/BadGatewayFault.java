package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

/** 502 with an HTML page, as a proxy in front of the API answers: not the API's JSON at all. */
public record BadGatewayFault() implements Fault {
    @Override
    public boolean apply(ApiCall call) throws IOException {
        call.raw(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        return true;
    }
}
