package ru.tos.dutydesk.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;

import java.util.Locale;
import java.util.Optional;

/**
 * Letters the desk must never answer (RFC 3834 and common practice): auto-replies, bounces, mailing lists and our
 * own letters. Answering them is how two robots write to each other forever.
 */
final class LoopGuard {
    private final String ownAddress;

    LoopGuard(String ownAddress) {
        this.ownAddress = ownAddress.toLowerCase(Locale.ROOT);
    }

    /** Why this letter is not a person's question, or empty when it is. */
    Optional<String> why(Part letter, InternetAddress from) throws MessagingException {
        String auto = header(letter, "Auto-Submitted");
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of("Auto-Submitted: " + auto.strip());
        }
        if (header(letter, "X-Loop") != null) {
            return Optional.of("X-Loop");
        }
        String precedence = header(letter, "Precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk")) {
            return Optional.of("Precedence: " + precedence.strip());
        }
        if (header(letter, "X-Auto-Response-Suppress") != null) {
            return Optional.of("X-Auto-Response-Suppress");
        }
        if (header(letter, "List-Id") != null || header(letter, "List-Unsubscribe") != null) {
            return Optional.of("mailing list");
        }
        String returnPath = header(letter, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("[\\s<>]", "").isEmpty()) {
            return Optional.of("empty Return-Path (a bounce)");
        }
        if (letter.isMimeType("multipart/report")) {
            return Optional.of("delivery report");
        }
        if (from == null) {
            return Optional.of("no sender");
        }
        String address = from.getAddress() == null ? "" : from.getAddress().toLowerCase(Locale.ROOT);
        String local = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
        if (local.equals("mailer-daemon") || local.equals("postmaster") || local.startsWith("noreply")
                || local.startsWith("no-reply")) {
            return Optional.of("sender " + local);
        }
        if (address.equals(ownAddress)) {
            return Optional.of("our own letter");
        }
        return Optional.empty();
    }

    private static String header(Part p, String name) throws MessagingException {
        String[] values = p.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
