package ru.tos.dutydesk.channel;

import java.util.regex.Pattern;

/** Hides the user:password part of any URL in a text before it is logged (e.g. a proxy-style TELEGRAM_API_URL). */
public final class UrlCredentials {
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");

    private UrlCredentials() {
    }

    /** The text with every URL's user info replaced by {@code ***}; null stays null. */
    public static String redact(Object text) {
        return text == null ? null : USER_INFO.matcher(String.valueOf(text)).replaceAll("$1***@");
    }
}
