package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** getChat: the chat's full info, with the default permissions of a group's plain members. */
final class GetChatRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        ChatLog.ChatInfo chat = ChatLookup.visibleChat(call, state);
        if (chat == null) {
            return;
        }
        ObjectNode info = EmulatorState.chat(chat);
        info.put("accent_color_id", 0);
        info.put("max_reaction_count", 11);
        if (!"private".equals(chat.type())) {
            boolean mayWrite = state.members.membersMayWrite(chat.id());
            ObjectNode p = info.putObject("permissions");
            for (String right : ChatMemberRoute.SEND_RIGHTS) {
                p.put(right, mayWrite);
            }
            p.put("can_change_info", false).put("can_invite_users", true).put("can_pin_messages", false)
                    .put("can_manage_topics", false);
        }
        call.ok(info);
    }
}
