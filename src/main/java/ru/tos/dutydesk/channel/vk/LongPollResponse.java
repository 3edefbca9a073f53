package ru.tos.dutydesk.channel.vk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * One answer of the Bots Long Poll server: either events and the ts to ask from next, or {@code failed} with a
 * code (1 — history outdated, continue from the given ts; 2 — key expired; 3 — information lost, new key and ts).
 *
 * @param failed  0 when the answer carries events
 * @param ts      the next ts, or null (failed 2 and 3 carry none)
 */
record LongPollResponse(int failed, String ts, List<JsonNode> updates) {

    static LongPollResponse parse(ObjectMapper json, String raw) throws VkCallException {
        JsonNode root;
        try {
            root = json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw VkCallException.protocol("long poll: response is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw VkCallException.protocol("long poll: response is not a JSON object");
        }
        String ts = root.hasNonNull("ts") ? root.get("ts").asText() : null;
        if (root.has("failed")) {
            return new LongPollResponse(root.path("failed").asInt(-1), ts, List.of());
        }
        if (ts == null || ts.isEmpty()) {
            throw VkCallException.protocol("long poll: response without ts");
        }
        List<JsonNode> updates = new ArrayList<>();
        root.path("updates").forEach(updates::add);
        return new LongPollResponse(0, ts, List.copyOf(updates));
    }
}
