package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class EditMessageTextRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        Long chatId = MessageText.chat(call, state);
        if (chatId == null) {
            return;
        }
        Optional<SentMessage> target = EditTarget.find(call, state, chatId);
        if (target.isEmpty()) {
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
        SentMessage old = target.get();
        if (old.text().equals(visible) && Objects.equals(old.keyboard(), keyboard)) {
            call.badRequest(EditTarget.NOT_MODIFIED);
            return;
        }
        SentMessage edited = old.edited(visible, raw, parseMode, keyboard);
        state.chats.replace(edited);
        call.ok(state.message(edited, null));
    }
}
