package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

final class AnswerCallbackQueryRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        String id = call.string("callback_query_id");
        if (id == null || !state.answerCallback(id)) {
            call.badRequest("query is too old and response timeout expired or query ID is invalid");
            return;
        }
        String text = call.string("text");
        if (text != null && text.length() > 200) {
            call.badRequest("MESSAGE_TOO_LONG");
            return;
        }
        call.ok(ApiCall.JSON.getNodeFactory().booleanNode(true));
    }
}
