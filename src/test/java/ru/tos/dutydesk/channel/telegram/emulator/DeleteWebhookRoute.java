package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

final class DeleteWebhookRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        state.setWebhookUrl(null);
        call.ok(ApiCall.JSON.getNodeFactory().booleanNode(true));
    }
}
