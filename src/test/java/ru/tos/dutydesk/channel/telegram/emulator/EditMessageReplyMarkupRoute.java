package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

final class EditMessageReplyMarkupRoute implements Route {
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
        List<List<Button>> keyboard = EmulatorState.keyboard(call.json("reply_markup"));
        if (!MessageText.keyboardValid(call, keyboard)) {
            return;
        }
        if (target.get().keyboard().equals(keyboard)) {
            call.badRequest(EditTarget.NOT_MODIFIED);
            return;
        }
        SentMessage edited = target.get().withKeyboard(keyboard);
        state.chats.replace(edited);
        call.ok(state.message(edited, null));
    }
}
