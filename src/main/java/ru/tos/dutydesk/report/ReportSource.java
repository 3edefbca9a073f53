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

    /** A person's place on a webinar ({@code eventId} is its config id) or booking of a consultation slot. */
    record Seat(String eventId, long userId, boolean attended) {
    }

    /** Every webinar registration kept (the report picks the webinars of its period by the config's dates). */
    default List<Seat> webinarSeats() {
        return List.of();
    }

    /** Every consultation slot booking kept. */
    default List<Seat> slotBookings() {
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
