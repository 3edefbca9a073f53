package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the desk keeps about webinars and video consultations, inside the message's transaction: registrations,
 * bookings (one per slot, held by the store's own constraint, so two people tapping one slot at once cannot both
 * get it), reminders already sent, attendance and whether a booked consultation took place, and who asked to hear
 * about events.
 */
public interface EventBook {

    /**
     * A person's place on a webinar, or a booking of a slot.
     *
     * @param forgotten the person asked to be forgotten: the seat still counts, but nothing goes to that chat
     */
    record Seat(String eventId, long userId, String name, Address chat, Instant at, boolean attended, boolean forgotten) {
    }

    enum Registration { REGISTERED, ALREADY, FULL }

    /** Registers unless the person already is or {@code capacity} (0: no limit) places are taken. */
    Registration register(String webinarId, long userId, Address chat, int capacity, Instant at);

    /** False when the person was not registered. */
    boolean cancel(String webinarId, long userId);

    boolean isRegistered(String webinarId, long userId);

    /** Registrations of a webinar, in the order they came. */
    List<Seat> registrations(String webinarId);

    /** Marks whether the registered person came; false when they are not registered. */
    boolean setAttended(String webinarId, long userId, boolean came, String by, Instant at);

    /** Books the slot; false when someone holds it already (decided by the store, not by a lock in the desk). */
    boolean book(String slotId, long userId, Address chat, Instant at);

    /** False when the person did not hold the slot. */
    boolean cancelBooking(String slotId, long userId);

    /** The booking of a slot; its {@code attended} is true when the consultation is marked as held. */
    Optional<Seat> booking(String slotId);

    /**
     * Whether a booked consultation took place, as a consultant or coordinator marked it.
     *
     * @param by who marked it ({@code channel:platform user id}, as for webinar attendance)
     */
    record HeldMark(boolean held, String by, Instant at) {
    }

    /** Marks whether the booked consultation took place (a later mark replaces it); false when the slot is not booked. */
    boolean markHeld(String slotId, boolean held, String by, Instant at);

    /** The mark of a booked slot; empty while nobody has marked it (or it is not booked). */
    Optional<HeldMark> heldMark(String slotId);

    Set<String> bookedSlots();

    /**
     * Records that reminder {@code which} of an event went to {@code recipient}; false when it was recorded before,
     * so each reminder is sent once across restarts.
     */
    boolean markReminded(String eventId, String recipient, String which, Instant at);

    void setSubscribed(long userId, Address chat, boolean on, Instant at);

    boolean isSubscribed(long userId);

    /** The chats of everyone who asked to hear about events. */
    List<Address> subscribers();
}
