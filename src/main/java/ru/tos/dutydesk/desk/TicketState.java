package ru.tos.dutydesk.desk;

/** open → taken → answered → closed. */
public enum TicketState {
    OPEN, TAKEN, ANSWERED, CLOSED;

    /** Follow-ups from the resident join a ticket in these states. */
    public boolean isActive() {
        return this != CLOSED;
    }
}
