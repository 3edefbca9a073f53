package ru.tos.dutydesk.channel.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A delivery status notification (RFC 3464) saying that one of our letters could not be delivered: the address it
 * failed for and the receiving server's words. Only reports with {@code Action: failed} count; «delayed» and
 * «delivered» reports say nothing a consultant must act on.
 *
 * @param recipient the address the letter failed for, in lower case
 * @param reason    the Diagnostic-Code (or the Status code when there is none), one line
 */
record DeliveryFailure(String recipient, String reason) {
    private static final int MAX_REASON = 200;
    private static final int MAX_REPORT = 64 * 1024;

    /** The failure a bounce reports, or empty for any other letter (or a report we cannot read). */
    static Optional<DeliveryFailure> of(Part letter) throws MessagingException, IOException {
        if (!letter.isMimeType("multipart/report")) {
            return Optional.empty();
        }
        Multipart parts = (Multipart) letter.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                try (InputStream in = part.getInputStream()) {
                    return parse(new String(in.readNBytes(MAX_REPORT), StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }

    /** Reads the per-recipient fields of a delivery-status body: blocks separated by blank lines, folded lines joined. */
    static Optional<DeliveryFailure> parse(String report) {
        String unfolded = report.replace("\r\n", "\n").replaceAll("\n[ \t]+", " ");
        for (String block : unfolded.split("\n\\s*\n")) {
            String recipient = null;
            String action = null;
            String status = null;
            String diagnostic = null;
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                switch (name) {
                    case "final-recipient", "original-recipient" -> {
                        if (recipient == null || name.equals("final-recipient")) {
                            recipient = afterType(value);
                        }
                    }
                    case "action" -> action = value.toLowerCase(Locale.ROOT);
                    case "status" -> status = value;
                    case "diagnostic-code" -> diagnostic = afterType(value);
                    default -> { }
                }
            }
            if (recipient != null && recipient.contains("@") && "failed".equals(action)) {
                String reason = diagnostic != null && !diagnostic.isBlank() ? diagnostic
                        : status != null ? "status " + status : "no reason given";
                reason = reason.replaceAll("\\s+", " ").strip();
                return Optional.of(new DeliveryFailure(recipient.toLowerCase(Locale.ROOT).replaceAll("[<>]", ""),
                        reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…"));
            }
        }
        return Optional.empty();
    }

    /** «rfc822; anna@mail.example» → «anna@mail.example», «smtp; 550 …» → «550 …». */
    private static String afterType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(semicolon + 1)).strip();
    }
}
