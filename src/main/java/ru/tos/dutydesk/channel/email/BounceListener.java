package ru.tos.dutydesk.channel.email;

import ru.tos.dutydesk.desk.Address;

/** Told when a mail server reports that our letter to a resident could not be delivered. */
@FunctionalInterface
public interface BounceListener {
    void bounced(Address to, String reason);
}
