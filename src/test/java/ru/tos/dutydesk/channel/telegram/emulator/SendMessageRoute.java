package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

final class SendMessageRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        Long chatId = MessageText.chat(call, state);
        if (chatId == null) {
            return;
        }
        MessageText.Checked text = MessageText.textAndKeyboard(call);
        if (text == null) {
            return;
        }
        Integer replyTo = replyTarget(call, state, chatId);
        if (replyTo != null && replyTo < 0) {
            return;
        }
        SentMessage m = state.chats.add(chatId, text.visible(), text.raw(), text.parseMode(), replyTo, text.keyboard(), true);
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
