package ru.tos.dutydesk.channel.telegram.emulator;

import java.io.IOException;

/** 409 Conflict, as getUpdates gets when another instance polls or a webhook is set. */
public record ConflictFault(String description) implements Fault {
    public static final String OTHER_INSTANCE =
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
    public static final String WEBHOOK_ACTIVE =
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

    @Override
    public boolean apply(ApiCall call) throws IOException {
        call.error(409, description, null);
        return true;
    }
}
