package ru.tos.dutydesk.channel;

import java.time.Duration;
import java.util.Optional;

/** A platform did not take a message. The two kinds tell the sender whether to try again. */
public abstract sealed class SendException extends Exception permits SendException.Retryable, SendException.Permanent {

    protected SendException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Worth another try; {@link #retryAfter()} is the platform's own wait, when it gave one (429 retry_after). */
    public static final class Retryable extends SendException {
        private final Duration retryAfter;
        private final boolean notYet;

        public Retryable(String message, Duration retryAfter, Throwable cause) {
            this(message, retryAfter, cause, false);
        }

        private Retryable(String message, Duration retryAfter, Throwable cause, boolean notYet) {
            super(message, cause);
            this.retryAfter = retryAfter;
            this.notYet = notYet;
        }

        /**
         * Nothing was tried: the chat must wait {@code wait} first (our own rate limit for it). Not a failed attempt;
         * the sender serves other chats meanwhile instead of sleeping.
         */
        public static Retryable notYet(String why, Duration wait) {
            return new Retryable(why, wait, null, true);
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        /** True when nothing was sent and nothing failed: the row only waits its turn. */
        public boolean notYet() {
            return notYet;
        }
    }

    /** Will never go through; the row is given up and the desk told why. */
    public static final class Permanent extends SendException {
        public Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
