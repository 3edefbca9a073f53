package ru.tos.dutydesk.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A webinar residents can register for (config {@code desk.webinars} with a time).
 *
 * @param id       short latin id: it travels in buttons and in {@code /announce ID}
 * @param capacity how many may register; 0 means no limit
 */
public record Webinar(String id, String title, Instant start, Duration length, String link, int capacity) {
    /** What an id may look like (it must fit a button's data with room to spare). */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");

    public Webinar {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        link = link == null ? "" : link;
        if (!ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
            throw new IllegalArgumentException("bad webinar id " + id);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity below zero");
        }
    }

    public Instant end() {
        return start.plus(length);
    }

    public boolean limited() {
        return capacity > 0;
    }
}
