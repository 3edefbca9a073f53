package ru.tos.dutydesk.channel.vk;

import java.net.URI;
import java.util.Collection;
import java.util.Map;

/**
 * The few VK calls the channel makes, in the channel's own terms; the one place that knows the SDK is
 * {@link SdkVkApi}. Every failure is a {@link VkCallException}.
 */
interface VkApi {

    /** groups.getLongPollServer: where to poll, with which key, and the newest ts. */
    LongPollServer longPollServer() throws VkCallException;

    /** One a_check on the long-poll server; the raw JSON, parsed by the caller (the SDK hides failed-1's ts). */
    String poll(LongPollServer server, String ts, int waitSeconds) throws VkCallException;

    /** messages.send to one peer; returns the message id. {@code keyboardJson} may be null. */
    long send(long peerId, String text, long randomId, String keyboardJson) throws VkCallException;

    /** messages.sendMessageEventAnswer: stops the spinner on the tapped callback button. */
    void answerEvent(String eventId, long userId, long peerId) throws VkCallException;

    /** users.get: "First Last" by user id, for the ids VK knows. */
    Map<Long, String> userNames(Collection<Long> userIds) throws VkCallException;

    /** Aborts calls in flight (a waiting long poll, above all) and refuses new ones. */
    void shutdown();

    record LongPollServer(URI server, String key, String ts) {
        @Override
        public String toString() {
            // the key is a credential for the event stream
            return "LongPollServer[" + server + "]";
        }
    }
}
