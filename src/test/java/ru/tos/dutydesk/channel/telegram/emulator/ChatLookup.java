package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

/** What getChat and getChatMember share: the chat must exist and be visible to the bot, else Telegram's error. */
final class ChatLookup {
    private ChatLookup() {
    }

    /** The chat, or null after answering with Telegram's error. */
    static ChatLog.ChatInfo visibleChat(ApiCall call, EmulatorState state) throws IOException {
        if (!call.has("chat_id")) {
            call.badRequest("chat_id is empty");
            return null;
        }
        Long chatId = call.longValue("chat_id");
        ChatLog.ChatInfo chat = chatId == null ? null : state.chats.chat(chatId).orElse(null);
        if (chat == null) {
            call.badRequest("chat not found");
            return null;
        }
        if (!"private".equals(chat.type())) {
            String botStatus = state.members.of(chat.id(), EmulatorState.BOT_ID).status();
            if ("kicked".equals(botStatus)) {
                call.error(403, "Forbidden: bot was kicked from the supergroup chat", null);
                return null;
            }
            if ("left".equals(botStatus) && !state.members.isPublic(chat.id())) {
                call.badRequest("chat not found");
                return null;
            }
        }
        return chat;
    }
}
