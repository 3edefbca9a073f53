package ru.tos.dutydesk.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the report reads from storage; implemented read-only by the store. */
public interface ReportSource {

    /** Consultations opened in {@code [from, until)}. */
    List<ConsultationFact> consultations(Instant from, Instant until);

    /** For tickets created in {@code [from, until)} that got a consultant's response: creation to first response. */
    List<Duration> firstResponseTimes(Instant from, Instant until);

    /** Messages not read in {@code [from, until)} because their sender was over the flood limit (not consultations). */
    long floodIgnored(Instant from, Instant until);

    /** A person's place on a webinar ({@code eventId} is its config id). */
    record Seat(String eventId, long userId, boolean attended) {
    }

    /**
     * A booking of a consultation slot ({@code slotId} is its config id).
     *
     * @param held true or false as a consultant or coordinator marked it; null while nobody has
     */
    record Booking(String slotId, long userId, Boolean held) {
    }

    /** Every webinar registration kept (the report picks the webinars of its period by the config's dates). */
    default List<Seat> webinarSeats() {
        return List.of();
    }

    /** Every consultation slot booking kept, with its mark. */
    default List<Booking> slotBookings() {
        return List.of();
    }

    /**
     * Accounts their owner linked with a code (account id to person id); an account not in it is a person of its
     * own. Never a guess.
     */
    default java.util.Map<Long, Long> personOfAccount() {
        return java.util.Map.of();
    }
}
