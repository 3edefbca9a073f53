package ru.tos.dutydesk.channel.telegram.emulator;

import java.time.Duration;

/**
 * A misbehaviour the emulator can be told to show for the next calls of a method. Each kind is its own small route
 * class; {@link #apply} returns true when it answered (or dropped) the call itself.
 */
public sealed interface Fault permits TooManyRequestsFault, ServerErrorFault, BadGatewayFault, DroppedConnectionFault,
        SlowAnswerFault, ConflictFault, BeforeAnswerFault, InsteadFault, ErrorFault {

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

    /**
     * The call is done as usual, but {@code action} runs after Telegram did the work and before the bot hears the
     * answer: the moment a crash (or a lost answer) leaves the bot not knowing its message arrived.
     */
    static Fault beforeAnswer(Runnable action) {
        return new BeforeAnswerFault(action);
    }

    /** {@code action} runs instead of the call, which is then dropped undone (a bot dying as it makes the call). */
    static Fault instead(Runnable action) {
        return new InsteadFault(action);
    }

    /** Any error answer, e.g. {@code error(401, "Unauthorized")}. */
    static Fault error(int code, String description) {
        return new ErrorFault(code, description);
    }

    static Fault conflict() {
        return new ConflictFault(ConflictFault.OTHER_INSTANCE);
    }
}
