package ru.tos.dutydesk.channel;

import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.OutboxItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order {@code Outbox.dueRoundRobin} promises, for the in-memory outboxes of the tests. */
final class RoundRobin {
    private RoundRobin() {
    }

    static List<OutboxItem> of(List<OutboxItem> oldestFirst, int perChat, int limit) {
        Map<Address, List<OutboxItem>> byChat = new LinkedHashMap<>();
        for (OutboxItem item : oldestFirst) {
            byChat.computeIfAbsent(item.message().to(), a -> new ArrayList<>()).add(item);
        }
        List<OutboxItem> out = new ArrayList<>();
        for (int round = 0; round < perChat; round++) {
            for (List<OutboxItem> rows : byChat.values()) {
                if (round < rows.size() && out.size() < limit) {
                    out.add(rows.get(round));
                }
            }
        }
        return out;
    }
}
