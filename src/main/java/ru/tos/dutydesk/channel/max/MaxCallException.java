package ru.tos.dutydesk.channel.max;

import java.time.Duration;
import java.util.Optional;

/**
 * A MAX Bot API call failed: the API answered with an error status (its code and message kept), an I/O problem
 * (refused, dropped, timed out, TLS), or an answer the channel could not understand. Messages never carry the token
 * or what people wrote.
 */
final class MaxCallException extends Exception {
    enum Kind { API, IO, PROTOCOL }

    private final Kind kind;
    private final int status;
    private final String code;
    private final Duration retryAfter;

    private MaxCallException(Kind kind, int status, String code, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    static MaxCallException api(int status, String code, String description, Duration retryAfter) {
        String text = "MAX " + status + (code == null ? "" : " " + code) + (description == null ? "" : ": " + description);
        return new MaxCallException(Kind.API, status, code, retryAfter, text, null);
    }

    static MaxCallException io(String what, Throwable cause) {
        return new MaxCallException(Kind.IO, 0, null, null, what, cause);
    }

    static MaxCallException protocol(String what) {
        return new MaxCallException(Kind.PROTOCOL, 0, null, null, what, null);
    }

    Kind kind() {
        return kind;
    }

    /** The HTTP status of an API error; 0 for the other kinds. */
    int status() {
        return status;
    }

    /** MAX's machine-readable error code ("verify.token", "chat.denied", …), when it gave one. */
    Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** The wait MAX asked for with a 429 (Retry-After), when it said. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
