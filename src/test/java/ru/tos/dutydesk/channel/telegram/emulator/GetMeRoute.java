package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

final class GetMeRoute implements Route {
    @Override
    public void handle(ApiCall call, EmulatorState state) throws IOException {
        call.ok(EmulatorState.botUser().put("can_join_groups", true).put("can_read_all_group_messages", state.readsAllGroupMessages)
                .put("supports_inline_queries", false));
    }
}
