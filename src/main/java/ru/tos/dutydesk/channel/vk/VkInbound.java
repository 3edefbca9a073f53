package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.desk.InboundMessage;

/**
 * A long-poll event turned into the desk's message, with the callback to acknowledge when it came from a button.
 *
 * @param message the desk's message, or null for a tap on a button that is not ours (answered, not handed on)
 * @param ack the tapped button's event to answer with messages.sendMessageEventAnswer, or null
 */
record VkInbound(InboundMessage message, EventAck ack) {
    record EventAck(String eventId, long userId, long peerId) {
    }
}
