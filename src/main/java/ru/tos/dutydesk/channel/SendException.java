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

        public Retryable(String message, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Will never go through; the row is given up and the desk told why. */
    public static final class Permanent extends SendException {
        public Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
