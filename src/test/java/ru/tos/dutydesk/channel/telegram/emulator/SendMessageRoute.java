package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.List;

final class SendMessageRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        Long chatId = MessageText.chat(call, state);
        if (chatId == null) {
            return;
        }
        String raw = call.string("text");
        if (raw == null) {
            call.badRequest("message text is empty");
            return;
        }
        String parseMode = call.string("parse_mode");
        String visible = MessageText.visible(call, raw, parseMode, MessageText.TEXT_LIMIT, false);
        if (visible == null) {
            return;
        }
        List<List<Button>> keyboard = EmulatorState.keyboard(call.json("reply_markup"));
        if (!MessageText.keyboardValid(call, keyboard)) {
            return;
        }
        Integer replyTo = replyTarget(call, state, chatId);
        if (replyTo != null && replyTo < 0) {
            return;
        }
        SentMessage m = state.chats.add(chatId, visible, raw, parseMode, replyTo, keyboard, true);
        call.ok(state.message(m, null));
    }

    /** The message replied to; null for none; -1 after answering "not found". */
    static Integer replyTarget(ApiCall call, EmulatorState state, long chatId) throws IOException {
        JsonNode params = call.json("reply_parameters");
        Long id = params != null && params.hasNonNull("message_id")
                ? Long.valueOf(params.get("message_id").asLong()) : call.longValue("reply_to_message_id");
        if (id == null) {
            return null;
        }
        boolean allow = params != null ? params.path("allow_sending_without_reply").asBoolean(false)
                : call.bool("allow_sending_without_reply");
        if (state.chats.find(chatId, id.intValue()).isPresent()) {
            return id.intValue();
        }
        if (allow) {
            return null;
        }
        call.badRequest("message to be replied not found");
        return -1;
    }
}
