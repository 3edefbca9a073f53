package ru.tos.dutydesk.desk;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file the desk sends with a message (a report for a coordinator). Kept whole in the outbox so a crash
 * between deciding and sending never loses it.
 *
 * @param fileName  the name the recipient sees, e.g. {@code report-2026-10.csv}
 * @param mediaType e.g. {@code text/csv}
 */
public record Attachment(String fileName, String mediaType, byte[] bytes) {
    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && fileName.equals(a.fileName) && mediaType.equals(a.mediaType)
                && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, mediaType, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + mediaType + ", " + bytes.length + " bytes]";
    }
}
