package ru.tos.dutydesk.channel.vk;

import java.util.Optional;

/**
 * A VK call failed: an API error with VK's code, an I/O problem (refused, dropped, timed out), or a response the
 * channel could not understand. Messages never carry the token or what people wrote.
 */
final class VkCallException extends Exception {
    enum Kind { API, IO, PROTOCOL }

    private final Kind kind;
    private final Integer code;

    private VkCallException(Kind kind, Integer code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    static VkCallException api(int code, String description) {
        return new VkCallException(Kind.API, code, "VK error " + code + (description == null ? "" : ": " + description), null);
    }

    static VkCallException io(String what, Throwable cause) {
        return new VkCallException(Kind.IO, null, what, cause);
    }

    static VkCallException protocol(String what) {
        return new VkCallException(Kind.PROTOCOL, null, what, null);
    }

    Kind kind() {
        return kind;
    }

    /** VK's error code, for API errors. */
    Optional<Integer> code() {
        return Optional.ofNullable(code);
    }
}
