package ru.tos.dutydesk.channel.email;

import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.DeskStore;
import ru.tos.dutydesk.desk.TicketState;

import java.util.Optional;

/** The number of the ticket a letter to this address belongs to, for its subject («[ТОС №123]»). */
@FunctionalInterface
public interface TicketLookup {
    /**
     * @param markdown the letter's text: a letter about a ticket just closed or withdrawn names its number
     */
    Optional<Long> ticketFor(Address to, String markdown);

    /** The correspondent's latest ticket while it is open, or when the letter names it (closed, withdrawn). */
    static TicketLookup from(DeskStore store) {
        return (to, markdown) -> store.inTransaction(tx -> tx.latestTicketAt(to))
                .filter(t -> t.state() != TicketState.CLOSED || markdown.contains("№" + t.number())
                        || markdown.contains("№ " + t.number()))
                .map(t -> t.number());
    }
}
