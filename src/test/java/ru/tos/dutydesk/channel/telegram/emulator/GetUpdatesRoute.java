package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

final class GetUpdatesRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException, InterruptedException {
        if (state.webhookUrl() != null) {
            call.error(409, ConflictFault.WEBHOOK_ACTIVE, null);
            return;
        }
        long offset = call.longValue("offset") == null ? 0 : call.longValue("offset");
        long limit = call.longValue("limit") == null ? 100 : Math.max(1, Math.min(100, call.longValue("limit")));
        long timeout = call.longValue("timeout") == null ? 0 : Math.max(0, call.longValue("timeout"));
        Optional<List<ObjectNode>> updates = state.updates.poll(offset, (int) limit, Duration.ofSeconds(timeout));
        if (updates.isEmpty()) {
            call.error(409, ConflictFault.OTHER_INSTANCE, null);
            return;
        }
        ArrayNode result = ApiCall.JSON.createArrayNode();
        updates.get().forEach(result::add);
        call.ok(result);
    }
}
