package ru.tos.dutydesk.desk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A video consultation slot one resident can book (config {@code desk.consultation-slots}). Its id is made from
 * its start and its consultant, so it stays the same when the config's list is reordered or extended.
 */
public record ConsultationSlot(String id, String consultant, Instant start, Duration length, String link) {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    public ConsultationSlot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consultant, "consultant");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        link = link == null ? "" : link;
    }

    public static ConsultationSlot of(String consultant, Instant start, Duration length, String link) {
        CRC32 crc = new CRC32();
        crc.update(consultant.strip().getBytes(StandardCharsets.UTF_8));
        String id = "s" + ID_TIME.format(start) + "-" + Long.toString(crc.getValue(), 36);
        return new ConsultationSlot(id, consultant.strip(), start, length, link);
    }

    public Instant end() {
        return start.plus(length);
    }
}
