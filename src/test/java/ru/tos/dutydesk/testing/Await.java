package ru.tos.dutydesk.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in a test for something another thread or process does, with a bound and a message that says what. */
public final class Await {
    private static final long STEP_MILLIS = 10;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with «not within …: what» when {@code limit} passes first. */
    public static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        until(() -> what, limit, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, saying what was awaited as it is at the failure. */
    public static void until(Supplier<String> what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what.get());
            }
            Thread.sleep(STEP_MILLIS);
        }
    }
}
