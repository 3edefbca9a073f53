package ru.tos.dutydesk.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the stack of the thread that is inside the desk's handler about once a millisecond and sorts each sample
 * into SQLite (a frame of the JDBC driver anywhere on the stack), the matcher (our matching code, Lucene or the
 * dictionary) or the rest (the desk's logic, the channel's JSON). Timers around calls cannot give the SQLite-only
 * share: the desk's logic runs inside the store's transaction, so the store's calls include it.
 */
final class HandlerSampler implements AutoCloseable {
    private volatile Thread inside;
    private final AtomicLong sqlite = new AtomicLong();
    private final AtomicLong matcher = new AtomicLong();
    private final AtomicLong rest = new AtomicLong();
    private final Thread sampler;

    HandlerSampler() {
        sampler = new Thread(this::sample, "handler-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    void enter() {
        inside = Thread.currentThread();
    }

    void exit() {
        inside = null;
    }

    void reset() {
        sqlite.set(0);
        matcher.set(0);
        rest.set(0);
    }

    /** The shares of the samples, e.g. {@code samples=2400 SQLite=41% matcher=12% rest=47%}. */
    String shares() {
        long all = Math.max(1, sqlite.get() + matcher.get() + rest.get());
        return String.format("samples=%d SQLite=%.0f%% matcher=%.0f%% rest=%.0f%%", sqlite.get() + matcher.get() + rest.get(),
                100.0 * sqlite.get() / all, 100.0 * matcher.get() / all, 100.0 * rest.get() / all);
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            Thread t = inside;
            if (t != null) {
                StackTraceElement[] stack = t.getStackTrace();
                if (inside == t) { // still inside the handler: the sample is of its work
                    kindOf(stack).incrementAndGet();
                }
            }
            try {
                TimeUnit.MICROSECONDS.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private AtomicLong kindOf(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith("org.sqlite.")) {
                return sqlite;
            }
            if (c.startsWith("ru.tos.dutydesk.matching.") || c.startsWith("org.apache.lucene.") || c.startsWith("morfologik.")) {
                return matcher;
            }
        }
        return rest;
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
