package ru.tos.dutydesk.channel.vk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Display names of VK users, fetched with users.get for a whole batch at once and cached (bounded, least recently
 * used out). A failed lookup is not fatal: the message goes on without a name and the name is asked for again
 * next time.
 */
final class VkUserNames {
    private static final Logger log = LoggerFactory.getLogger(VkUserNames.class);
    /** users.get takes up to 1000 ids; our batches are far smaller, but a long backlog could exceed it. */
    private static final int PER_CALL = 500;

    private final VkApi api;
    private final Map<Long, String> cache;

    VkUserNames(VkApi api, int capacity) {
        this.api = api;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Looks up the users not cached yet; community senders (negative ids) have no user name. */
    synchronized void prefetch(Collection<Long> userIds) {
        Set<Long> missing = new TreeSet<>();
        for (Long id : userIds) {
            if (id != null && id > 0 && !cache.containsKey(id)) {
                missing.add(id);
            }
        }
        var ids = missing.stream().toList();
        for (int from = 0; from < ids.size(); from += PER_CALL) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + PER_CALL));
            try {
                cache.putAll(api.userNames(chunk));
            } catch (VkCallException e) {
                log.warn("vk users.get failed, names left empty for {} users: {}", chunk.size(), e.getMessage());
                return;
            }
        }
    }

    /** The cached name, or null. */
    synchronized String name(long userId) {
        return cache.get(userId);
    }
}
