package ru.tos.dutydesk.channel.telegram.emulator;

import java.time.Duration;

/**
 * A misbehaviour the emulator can be told to show for the next calls of a method. Each kind is its own small route
 * class; {@link #apply} returns true when it answered (or dropped) the call itself.
 */
public sealed interface Fault permits TooManyRequestsFault, ServerErrorFault, BadGatewayFault, DroppedConnectionFault,
        SlowAnswerFault, ConflictFault, ErrorFault {

    boolean apply(ApiCall call) throws java.io.IOException;

    static Fault tooManyRequests(int retryAfterSeconds) {
        return new TooManyRequestsFault(retryAfterSeconds);
    }

    static Fault serverError() {
        return new ServerErrorFault();
    }

    static Fault badGateway() {
        return new BadGatewayFault();
    }

    static Fault dropConnection() {
        return new DroppedConnectionFault();
    }

    static Fault slow(Duration delay) {
        return new SlowAnswerFault(delay);
    }

    /** Any error answer, e.g. {@code error(401, "Unauthorized")}. */
    static Fault error(int code, String description) {
        return new ErrorFault(code, description);
    }

    static Fault conflict() {
        return new ConflictFault(ConflictFault.OTHER_INSTANCE);
    }
}
