package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

final class SendDocumentRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        Long chatId = MessageText.chat(call, state);
        if (chatId == null) {
            return;
        }
        ApiCall.UploadedFile file = call.files().get("document");
        String reference = call.string("document");
        if (file == null && reference != null && reference.startsWith("attach://")) {
            // "attach://name" points at the multipart part of that name
            file = call.files().get(reference.substring("attach://".length()));
            if (file == null) {
                call.badRequest("wrong file identifier/HTTP URL specified");
                return;
            }
        }
        if (file == null && (reference == null || reference.isBlank())) {
            call.badRequest("there is no document in the request");
            return;
        }
        String caption = "";
        String raw = call.string("caption");
        if (raw != null) {
            caption = MessageText.visible(call, raw, call.string("parse_mode"), MessageText.CAPTION_LIMIT, true);
            if (caption == null) {
                return;
            }
        }
        Integer replyTo = SendMessageRoute.replyTarget(call, state, chatId);
        if (replyTo != null && replyTo < 0) {
            return;
        }
        String name = file != null ? file.fileName() : reference;
        SentMessage m = state.chats.add(chatId, caption, raw, call.string("parse_mode"), replyTo, List.of(), true);
        state.addDocument(new SentDocument(chatId, m.messageId(), name, file == null ? new byte[0] : file.bytes(), caption));
        ObjectNode message = state.message(m, null);
        message.remove("text");
        if (!caption.isEmpty()) {
            message.put("caption", caption);
        }
        message.putObject("document").put("file_id", "doc-" + m.messageId()).put("file_unique_id", "u-doc-" + m.messageId())
                .put("file_name", name).put("file_size", file == null ? 0 : file.size());
        call.ok(message);
    }
}
