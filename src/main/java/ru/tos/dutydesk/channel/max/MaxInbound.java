package ru.tos.dutydesk.channel.max;

import ru.tos.dutydesk.desk.InboundMessage;

/**
 * An update turned into the desk's message, with the callback to answer when it came from a button.
 *
 * @param message    the desk's message, or null for a press on a button that is not ours (answered, not handed on)
 * @param callbackId the pressed button's callback id to answer with POST /answers, or null
 * @param chat       the chat the button was pressed in (its address's chat id), for the per-chat pacing that MAX
 *                   applies to answers as to messages; null without a callback
 */
record MaxInbound(InboundMessage message, String callbackId, String chat) {
    MaxInbound(InboundMessage message) {
        this(message, null, null);
    }
}
