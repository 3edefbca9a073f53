package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

final class EditMessageReplyMarkupRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        Optional<SentMessage> target = EditTarget.find(call, state);
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
