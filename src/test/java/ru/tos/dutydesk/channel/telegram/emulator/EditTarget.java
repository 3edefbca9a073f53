package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;
import java.util.Optional;

/** Finds the message an edit method names, answering Telegram's errors when it cannot be edited. */
final class EditTarget {
    static final String NOT_MODIFIED = "message is not modified: specified new message content and reply markup are "
            + "exactly the same as a current content and reply markup of the message";

    private EditTarget() {
    }

    /** The message named by the call's chat_id and message_id; empty once the call has been answered with an error. */
    static Optional<SentMessage> find(ApiCall call, EmulatorState state) throws IOException {
        Long chatId = MessageText.chat(call, state);
        if (chatId == null) {
            return Optional.empty();
        }
        Long id = call.longValue("message_id");
        Optional<SentMessage> m = id == null ? Optional.empty() : state.chats.find(chatId, id.intValue());
        if (m.isEmpty()) {
            call.badRequest("message to edit not found");
            return Optional.empty();
        }
        if (!m.get().fromBot()) {
            call.badRequest("message can't be edited");
            return Optional.empty();
        }
        return m;
    }
}
