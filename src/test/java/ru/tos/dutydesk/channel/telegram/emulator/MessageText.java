package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;
import java.util.List;

/** The checks Telegram applies to a message text or caption, with its descriptions. */
final class MessageText {
    static final int TEXT_LIMIT = 4096;
    static final int CAPTION_LIMIT = 1024;

    private MessageText() {
    }

    /** What the reader will see, or null after answering the call with Telegram's 400. */
    static String visible(ApiCall call, String raw, String parseMode, int limit, boolean caption) throws IOException {
        String visible;
        if (parseMode != null && parseMode.equalsIgnoreCase("html")) {
            try {
                visible = TelegramHtmlChecker.visibleText(raw);
            } catch (TelegramHtmlChecker.ParseError e) {
                call.badRequest("can't parse entities: " + e.getMessage());
                return null;
            }
        } else {
            visible = raw.strip();
        }
        if (visible.isEmpty() && !caption) {
            call.badRequest("message text is empty");
            return null;
        }
        if (visible.length() > limit) {
            call.badRequest(caption ? "message caption is too long" : "message is too long");
            return null;
        }
        return visible;
    }

    /** Checks an inline keyboard; false after answering the call with Telegram's 400. */
    static boolean keyboardValid(ApiCall call, List<List<Button>> keyboard) throws IOException {
        for (List<Button> row : keyboard) {
            for (Button b : row) {
                if (b.text() == null || b.text().isBlank()) {
                    call.badRequest("text buttons are unallowed in the inline keyboard");
                    return false;
                }
                if (b.callbackData() == null || b.callbackData().isEmpty()
                        || b.callbackData().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
                    call.badRequest("BUTTON_DATA_INVALID");
                    return false;
                }
            }
        }
        return true;
    }

    /** A message's text and keyboard as a send or an edit gives them, checked as Telegram checks them. */
    record Checked(String raw, String parseMode, String visible, List<List<Button>> keyboard) {
    }

    /** The call's text, parse mode and keyboard; null once the call has been refused for them. */
    static Checked textAndKeyboard(ApiCall call) throws IOException {
        String raw = call.string("text");
        if (raw == null) {
            call.badRequest("message text is empty");
            return null;
        }
        String parseMode = call.string("parse_mode");
        String visible = visible(call, raw, parseMode, TEXT_LIMIT, false);
        if (visible == null) {
            return null;
        }
        List<List<Button>> keyboard = EmulatorState.keyboard(call.json("reply_markup"));
        if (!keyboardValid(call, keyboard)) {
            return null;
        }
        return new Checked(raw, parseMode, visible, keyboard);
    }

    /** The target chat id, or null after answering with Telegram's error. */
    static Long chat(ApiCall call, EmulatorState state) throws IOException {
        if (!call.has("chat_id")) {
            call.badRequest("chat_id is empty");
            return null;
        }
        Long chatId = call.longValue("chat_id");
        if (chatId == null || state.chats.chat(chatId).isEmpty()) {
            call.badRequest("chat not found");
            return null;
        }
        if (state.chats.isBlocked(chatId)) {
            call.error(403, "Forbidden: bot was blocked by the user", null);
            return null;
        }
        return chatId;
    }
}
