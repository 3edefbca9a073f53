package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/** getChatMember: a user's status in a chat, in the shape of the status (restricted carries its rights). */
final class ChatMemberRoute implements Route {
    static final List<String> SEND_RIGHTS = List.of("can_send_messages", "can_send_audios", "can_send_documents",
            "can_send_photos", "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
            "can_send_other_messages", "can_add_web_page_previews");

    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        ChatLog.ChatInfo chat = ChatLookup.visibleChat(call, state);
        if (chat == null) {
            return;
        }
        Long userId = call.longValue("user_id");
        if (userId == null) {
            call.badRequest("user_id is empty");
            return;
        }
        ChatMembers.Member m = "private".equals(chat.type())
                ? new ChatMembers.Member(userId == chat.id() || userId == EmulatorState.BOT_ID ? "member" : "left", true, chat.user())
                : state.members.of(chat.id(), userId);
        ObjectNode node = ApiCall.JSON.createObjectNode();
        node.put("status", m.status());
        node.set("user", userId == EmulatorState.BOT_ID ? EmulatorState.botUser()
                : m.user() != null ? EmulatorState.user(m.user())
                : ApiCall.JSON.createObjectNode().put("id", userId).put("is_bot", false).put("first_name", "?"));
        switch (m.status()) {
            case "creator" -> node.put("is_anonymous", false);
            case "administrator" -> {
                node.put("can_be_edited", false).put("is_anonymous", false).put("can_manage_chat", true)
                        .put("can_delete_messages", true).put("can_manage_video_chats", false)
                        .put("can_restrict_members", false).put("can_promote_members", false)
                        .put("can_change_info", false).put("can_invite_users", true).put("can_post_stories", false)
                        .put("can_edit_stories", false).put("can_delete_stories", false).put("can_pin_messages", true)
                        .put("can_manage_topics", false);
            }
            case "restricted" -> {
                node.put("is_member", true);
                for (String right : SEND_RIGHTS) {
                    node.put(right, m.canSendMessages());
                }
                node.put("can_change_info", false).put("can_invite_users", false).put("can_pin_messages", false)
                        .put("can_manage_topics", false).put("until_date", 0);
            }
            case "kicked" -> node.put("until_date", 0);
            default -> {
                // member and left carry nothing more
            }
        }
        call.ok(node);
    }
}
