package ru.tos.dutydesk.channel;

/** The poll and send threads of a channel: daemons (a stuck call must not keep the JVM alive), stopped politely. */
public final class ChannelThreads {
    /** How long {@link #join} waits for a thread that was told to stop. */
    public static final long JOIN_MILLIS = 2_000;

    private ChannelThreads() {
    }

    public static Thread daemon(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** No interrupt: a desk transaction in progress should finish, and the threads wake on stop by themselves. */
    public static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
