package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The webinars and consultation slots of the config, ordered by start. */
public record EventCalendar(List<Webinar> webinars, List<ConsultationSlot> slots) {
    public EventCalendar {
        webinars = webinars.stream().sorted(Comparator.comparing(Webinar::start)).toList();
        slots = slots.stream().sorted(Comparator.comparing(ConsultationSlot::start)).toList();
    }

    public static EventCalendar none() {
        return new EventCalendar(List.of(), List.of());
    }

    public boolean isEmpty() {
        return webinars.isEmpty() && slots.isEmpty();
    }

    public Optional<Webinar> webinar(String id) {
        return webinars.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    public Optional<ConsultationSlot> slot(String id) {
        return slots.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Webinars that have not started yet. */
    public List<Webinar> coming(Instant now) {
        return webinars.stream().filter(w -> w.start().isAfter(now)).toList();
    }
}
