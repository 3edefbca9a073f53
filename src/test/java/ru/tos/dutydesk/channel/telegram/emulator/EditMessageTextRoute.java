package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

final class EditMessageTextRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        Optional<SentMessage> target = EditTarget.find(call, state);
        if (target.isEmpty()) {
            return;
        }
        MessageText.Checked text = MessageText.textAndKeyboard(call);
        if (text == null) {
            return;
        }
        SentMessage old = target.get();
        if (old.text().equals(text.visible()) && Objects.equals(old.keyboard(), text.keyboard())) {
            call.badRequest(EditTarget.NOT_MODIFIED);
            return;
        }
        SentMessage edited = old.edited(text.visible(), text.raw(), text.parseMode(), text.keyboard());
        state.chats.replace(edited);
        call.ok(state.message(edited, null));
    }
}
