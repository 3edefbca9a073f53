package ru.tos.dutydesk.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One crash run: the jar serves the platform while people keep writing; it is killed at the plan's moments and
 * started again at once; then the test waits until every reply is out and stops the desk cleanly.
 */
final class CrashRun {
    /**
     * People write in bursts, up to about 33 questions a second (faster than Telegram's 30 sends a second drain),
     * and keep writing while the desk is down, up to this many questions ahead of the replies.
     */
    private static final int BURST = 10;
    private static final Duration BETWEEN_BURSTS = Duration.ofMillis(300);
    private static final int AHEAD = 120;
    private static final Duration KILL_WAIT = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final CrashPlatform platform;
    private final CrashPlan plan;
    private final RestartingDesk jar;
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicInteger replied = new AtomicInteger();
    private final List<KillRecord> kills = new ArrayList<>();
    private final List<Long> restartMillis = new ArrayList<>();

    /**
     * What a kill hit.
     *
     * @param afterQuestions questions asked when the kill came
     * @param afterReplies   questions with their reply when the kill came
     * @param inFlight       updates the desk held, polled and not confirmed
     * @param recorded       of those, how many it had already committed (they must not be answered again)
     * @param confirmed      true when the desk polled again before it died (then nothing was in flight after all)
     * @param exitValue      the killed process's exit value
     */
    record KillRecord(CrashPlan.Kill planned, int afterQuestions, int afterReplies, int inFlight, int recorded,
                      boolean confirmed, int exitValue) {
        @Override
        public String toString() {
            String what = planned.kind() == CrashPlan.KillKind.MID_SEND
                    ? "a reply taken by the platform, not yet marked sent"
                    : inFlight + " updates in flight, " + recorded + " of them recorded" + (confirmed ? " (confirmed before death)" : "");
            return "at " + afterQuestions + " questions / " + afterReplies + " replies (planned at "
                    + planned.afterReplies() + " replies, " + planned.kind() + "): " + what + "; exit " + exitValue;
        }
    }

    CrashRun(CrashPlatform platform, CrashPlan plan, Path dir) throws Exception {
        this.platform = platform;
        this.plan = plan;
        this.jar = new RestartingDesk(dir, platform);
    }

    CrashPlan plan() {
        return plan;
    }

    RestartingDesk jar() {
        return jar;
    }

    List<KillRecord> kills() {
        return kills;
    }

    List<Long> restartMillis() {
        return restartMillis;
    }

    /** Runs the plan; returns when the desk has sent everything and stopped. */
    void run() throws Exception {
        jar.start();
        Thread feeder = new Thread(this::feed, "crash-feeder");
        feeder.setDaemon(true);
        try (DeskDb db = new DeskDb(jar.database())) {
            feeder.start();
            for (CrashPlan.Kill kill : plan.kills()) {
                awaitReplies(kill.afterReplies());
                kills.add(kill.kind() == CrashPlan.KillKind.MID_SEND ? killMidSend(kill) : killMidBatch(kill, db));
                long t0 = System.nanoTime();
                jar.start();
                restartMillis.add((System.nanoTime() - t0) / 1_000_000);
            }
            awaitSettled(db);
            feeder.join(TimeUnit.SECONDS.toMillis(5));
        }
        jar.stop();
    }

    private void feed() {
        try {
            for (CrashPlan.Ask a : plan.asks()) {
                platform.ask(a.person(), a.text());
                if (asked.incrementAndGet() % BURST == 0) {
                    Thread.sleep(BETWEEN_BURSTS.toMillis());
                    while (asked.get() - countReplies() >= AHEAD) {
                        Thread.sleep(BETWEEN_BURSTS.toMillis());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReplies(int count) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (countReplies() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + replied.get() + " replies within " + SETTLE + "; output:\n" + jar.logs());
            }
            Thread.sleep(10);
        }
    }

    /** Questions with a reply so far (as distinct replies); also what the feeder keeps its distance to. */
    private int countReplies() {
        int n = tally().distinct();
        replied.set(n);
        return n;
    }

    /**
     * Kills the desk while it holds polled updates it has recorded and the platform has not seen confirmed. Where
     * the platform can, exactly at the poll that would confirm them (all of the batch recorded); otherwise as soon
     * as part of a batch in flight is recorded, which can race with the desk's next poll (reported as confirmed).
     */
    private KillRecord killMidBatch(CrashPlan.Kill kill, DeskDb db) throws Exception {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (platform.inFlight().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Integer> exit = new AtomicReference<>();
        AtomicReference<List<String>> held = new AtomicReference<>();
        AtomicInteger at = new AtomicInteger();
        boolean hooked = platform.beforeNextConfirmingPoll(() -> {
            try {
                at.set(asked.get());
                held.set(platform.inFlight());
                exit.set(jar.kill());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        if (hooked) {
            if (!done.await(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the desk did not poll again within " + KILL_WAIT + " for " + kill);
            }
            List<String> batch = held.get();
            return new KillRecord(kill, at.get(), countReplies(), batch.size(), db.recorded(batch),
                    !platform.inFlight().equals(batch), exit.get());
        }
        while (System.nanoTime() < deadline) {
            List<String> batch = platform.inFlight();
            if (!batch.isEmpty() && db.recorded(batch) > 0 && platform.inFlight().equals(batch)) {
                int askedAt = asked.get();
                int exitValue = jar.kill();
                boolean confirmed = !platform.inFlight().equals(batch);
                return new KillRecord(kill, askedAt, countReplies(), batch.size(), db.recorded(batch), confirmed, exitValue);
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no partly recorded batch in flight within " + KILL_WAIT + " for " + kill);
    }

    /** Arranges the kill inside the platform, between taking a reply and answering the desk. */
    private KillRecord killMidSend(CrashPlan.Kill kill) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Integer> exit = new AtomicReference<>();
        AtomicInteger at = new AtomicInteger();
        platform.beforeNextSendAnswer(() -> {
            try {
                at.set(asked.get());
                exit.set(jar.kill());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        if (!done.await(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the desk sent nothing within " + KILL_WAIT + " for " + kill);
        }
        return new KillRecord(kill, at.get(), countReplies(), 0, 0, false, exit.get());
    }

    /** Every question has a reply identity and nothing waits in the outbox; or the time is up. */
    private void awaitSettled(DeskDb db) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jar.alive()) {
                throw new AssertionError("the desk died on its own; its output:\n" + jar.logs());
            }
            if (countReplies() >= plan.asks().size() && db.outboxWaiting() == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** The replies as they stand. */
    ReplyTally tally() {
        return ReplyTally.of(platform);
    }

    int asked() {
        return asked.get();
    }
}
