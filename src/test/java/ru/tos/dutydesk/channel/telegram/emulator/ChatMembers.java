package ru.tos.dutydesk.channel.telegram.emulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is in which group and what they may do, as getChat and getChatMember report it. Telegram answers "left" for
 * anyone who is not in the group; a group the bot is not in is "chat not found" to it unless the group is public.
 */
final class ChatMembers {
    /** A member's status (creator, administrator, member, restricted, left, kicked) and, when restricted, rights. */
    record Member(String status, boolean canSendMessages, TgUser user) {
    }

    private final Map<Long, Map<Long, Member>> byChat = new HashMap<>();
    private final Map<Long, Boolean> membersMayWrite = new HashMap<>();
    private final Set<Long> publicChats = new HashSet<>();

    synchronized void set(long chatId, long userId, Member member) {
        byChat.computeIfAbsent(chatId, k -> new HashMap<>()).put(userId, member);
    }

    /** The member as Telegram reports it: "left" for anyone never added. */
    synchronized Member of(long chatId, long userId) {
        return Optional.ofNullable(byChat.getOrDefault(chatId, Map.of()).get(userId))
                .orElse(new Member("left", false, null));
    }

    synchronized void setMembersMayWrite(long chatId, boolean mayWrite) {
        membersMayWrite.put(chatId, mayWrite);
    }

    /** The group's default permission for plain members (getChat's permissions.can_send_messages). */
    synchronized boolean membersMayWrite(long chatId) {
        return membersMayWrite.getOrDefault(chatId, true);
    }

    synchronized void makePublic(long chatId) {
        publicChats.add(chatId);
    }

    synchronized boolean isPublic(long chatId) {
        return publicChats.contains(chatId);
    }
}
