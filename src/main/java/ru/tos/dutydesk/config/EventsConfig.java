package ru.tos.dutydesk.config;

import ru.tos.dutydesk.desk.ConsultationSlot;
import ru.tos.dutydesk.desk.EventCalendar;
import ru.tos.dutydesk.desk.Webinar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Webinars with a time and consultation slots from {@code desk.webinars} and {@code desk.consultation-slots}, their
 * local times read in the config's time zone. A webinar with a date only stays a line of the {@code {{desk.webinars}}}
 * text, as before; every problem is named with its key.
 */
final class EventsConfig {
    static final Duration DEFAULT_WEBINAR_LENGTH = Duration.ofHours(1);
    static final Duration DEFAULT_SLOT_LENGTH = Duration.ofMinutes(30);

    private EventsConfig() {
    }

    static EventCalendar calendar(DeskConfig.Desk desk, ZoneId zone, List<String> problems) {
        if (desk == null) {
            return EventCalendar.none();
        }
        List<Webinar> webinars = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<DeskConfig.Webinar> raw = desk.webinars() == null ? List.of() : desk.webinars();
        for (int i = 0; i < raw.size(); i++) {
            DeskConfig.Webinar w = raw.get(i);
            String key = "desk.webinars[" + i + "]";
            if (w == null || w.time() == null && w.id() == null && w.capacity() == null && w.length() == null) {
                continue; // a date-only line of the text: WebinarsText checks it
            }
            int known = problems.size();
            if (w.id() == null || w.id().isBlank()) {
                problems.add(key + ".id: missing (a short latin id such as 'grants-2027', used in /announce ID)");
            } else if (!Webinar.ID.matcher(w.id()).matches()) {
                problems.add(key + ".id: '" + w.id() + "' is not an id: latin lower-case letters, digits and '-',"
                        + " at most 30, e.g. 'grants-2027'");
            } else if (!ids.add(w.id())) {
                problems.add(key + ".id: '" + w.id() + "' is used by another webinar");
            }
            LocalTime time = time(key + ".time", w.time(), problems);
            if (w.date() == null) {
                problems.add(key + ".date: missing (e.g. 2026-12-10)");
            }
            if (w.title() == null || w.title().isBlank()) {
                problems.add(key + ".title: missing");
            }
            link(key + ".link", w.link(), problems);
            if (w.capacity() != null && w.capacity() < 1) {
                problems.add(key + ".capacity: must be 1 or more (leave it out for no limit)");
            }
            Duration length = ConfigLoader.positiveDuration(key + ".length", w.length(), DEFAULT_WEBINAR_LENGTH, problems);
            if (problems.size() == known) {
                webinars.add(new Webinar(w.id(), w.title().strip(), at(w.date(), time, zone), length,
                        w.link().strip(), w.capacity() == null ? 0 : w.capacity()));
            }
        }
        List<ConsultationSlot> slots = new ArrayList<>();
        Set<String> slotIds = new HashSet<>();
        List<DeskConfig.Slot> rawSlots = desk.consultationSlots() == null ? List.of() : desk.consultationSlots();
        for (int i = 0; i < rawSlots.size(); i++) {
            DeskConfig.Slot s = rawSlots.get(i);
            String key = "desk.consultation-slots[" + i + "]";
            if (s == null) {
                problems.add(key + ": empty");
                continue;
            }
            int known = problems.size();
            if (s.consultant() == null || s.consultant().isBlank()) {
                problems.add(key + ".consultant: missing (the consultant's name, as residents will see it)");
            }
            if (s.date() == null) {
                problems.add(key + ".date: missing (e.g. 2026-12-10)");
            }
            LocalTime time = time(key + ".time", s.time(), problems);
            link(key + ".link", s.link(), problems);
            Duration length = ConfigLoader.positiveDuration(key + ".length", s.length(), DEFAULT_SLOT_LENGTH, problems);
            if (problems.size() == known) {
                ConsultationSlot slot = ConsultationSlot.of(s.consultant(), at(s.date(), time, zone), length, s.link().strip());
                if (!slotIds.add(slot.id())) {
                    problems.add(key + ": the same consultant at the same time is listed twice");
                } else {
                    slots.add(slot);
                }
            }
        }
        return new EventCalendar(webinars, slots);
    }

    private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return date.atTime(time).atZone(zone).toInstant();
    }

    private static LocalTime time(String key, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(key + ": missing (local time like \"18:00\", in the config's timezone)");
            return null;
        }
        try {
            String v = value.strip();
            return LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            problems.add(key + ": '" + value + "' is not a time like \"18:00\"");
            return null;
        }
    }

    private static void link(String key, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(key + ": missing (the video call's link, https://...)");
        } else if (!value.strip().startsWith("https://") && !value.strip().startsWith("http://")) {
            problems.add(key + ": '" + value + "' is not an http(s) link");
        }
    }
}
