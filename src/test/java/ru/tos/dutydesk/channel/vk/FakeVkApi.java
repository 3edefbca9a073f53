package ru.tos.dutydesk.channel.vk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records sends and answers; failures are queued per call. For unit tests of what sits on top of {@link VkApi}. */
final class FakeVkApi implements VkApi {
    record Send(long peerId, String text, long randomId, String keyboard) {
    }

    final List<Send> sends = new ArrayList<>();
    final Deque<VkCallException> sendFailures = new ArrayDeque<>();
    final Map<Long, String> names = new HashMap<>();
    final List<Collection<Long>> nameLookups = new ArrayList<>();
    VkCallException namesFailure;
    private long nextId = 1;

    @Override
    public void shutdown() {
    }

    @Override
    public LongPollServer longPollServer() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String poll(LongPollServer server, String ts, int waitSeconds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long send(long peerId, String text, long randomId, String keyboardJson) throws VkCallException {
        VkCallException failure = sendFailures.poll();
        if (failure != null) {
            throw failure;
        }
        sends.add(new Send(peerId, text, randomId, keyboardJson));
        return nextId++;
    }

    @Override
    public void answerEvent(String eventId, long userId, long peerId) {
    }

    @Override
    public Map<Long, String> userNames(Collection<Long> userIds) throws VkCallException {
        nameLookups.add(List.copyOf(userIds));
        if (namesFailure != null) {
            throw namesFailure;
        }
        Map<Long, String> out = new HashMap<>();
        userIds.forEach(id -> {
            if (names.containsKey(id)) {
                out.put(id, names.get(id));
            }
        });
        return out;
    }
}
