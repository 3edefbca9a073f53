package ru.tos.dutydesk.channel;

import java.util.regex.Pattern;

/** Hides the user:password part of any URL in a text before it is logged (e.g. a proxy-style TELEGRAM_API_URL). */
public final class UrlCredentials {
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");

    /** A URL's path and query, where the Bot API keeps the token ({@code /bot<token>/getUpdates}). */
    private static final Pattern PATH = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/\\s]+)/\\S*");

    private UrlCredentials() {
    }

    /** The text with every URL's user info replaced by {@code ***}; null stays null. */
    public static String redact(Object text) {
        return text == null ? null : USER_INFO.matcher(String.valueOf(text)).replaceAll("$1***@");
    }

    /** As {@link #redact}, and every URL cut after its host and port: for error texts that quote a request's URL. */
    public static String withoutPaths(Object text) {
        String redacted = redact(text);
        return redacted == null ? null : PATH.matcher(redacted).replaceAll("$1/…");
    }
}
