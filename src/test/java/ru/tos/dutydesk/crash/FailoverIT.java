package ru.tos.dutydesk.crash;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.testing.DeskJar;
import ru.tos.dutydesk.testing.FreePort;
import ru.tos.dutydesk.testing.JarConfig;
import ru.tos.dutydesk.testing.TestPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two desks (the packaged jar, two processes) on one PostgreSQL database and one Telegram bot. The first to start
 * leads: it polls and sends; the second stands by. During a burst of 500 questions from 50 people the leader goes
 * away (SIGKILL, or the server ending its session), and the standby takes over. Afterwards every question has its
 * reply, no consultation is recorded twice, at most one reply is repeated (Telegram has no idempotency key: the one
 * the leader had handed over when it died), and the takeover time is printed.
 */
@Tag("slow")
class FailoverIT {
    /** The lead is retried every second; starting the channels then takes a few; a noisy CI machine needs slack. */
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final int KILL_AFTER_REPLIES = 150;
    private static BundledQuestions questions;

    @TempDir
    Path dir;
    private final List<DeskJar.Started> desks = new ArrayList<>();

    @BeforeAll
    static void classify() {
        questions = BundledQuestions.load();
    }

    @AfterEach
    void stopDesks() {
        desks.forEach(DeskJar.Started::stop);
    }

    @Test
    void theStandbyTakesOverWhenTheLeaderIsKilled() throws Exception {
        run("SIGKILL", leader -> assertThat(leader.kill()).isEqualTo(DeskJar.KILLED_BY_SIGKILL), leader -> { });
    }

    @Test
    void theStandbyTakesOverWhenTheLeadersSessionEndsAndTheLeaderStops() throws Exception {
        run("session ended", leader -> {
            // as when the network between the leader and the server breaks and the server drops the session
            try (Connection c = DriverManager.getConnection(postgresUrl + "?user=postgres"); var st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND pid <> pg_backend_pid()");
            }
        }, leader -> {
            // the leader noticed at its next statement, stopped polling and exited for the service manager to restart
            assertThat(leader.process().waitFor(30, TimeUnit.SECONDS)).as("the leader stopped").isTrue();
            assertThat(leader.process().exitValue()).as("exit code asking for a restart").isEqualTo(75);
            assertThat(leader.stderr()).contains("the connection to the database");
        });
    }

    @FunctionalInterface
    private interface LeaderStep {
        void apply(DeskJar.Started leader) throws Exception;
    }

    private String postgresUrl;

    private void run(String how, LeaderStep loss, LeaderStep afterwards) throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String withUser = pg.newDatabase();
        postgresUrl = withUser.substring(0, withUser.indexOf('?'));
        long seed = Long.getLong("crash.seed", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        CrashPlan plan = CrashPlan.draw(seed, questions);
        try (TelegramCrashPlatform tg = new TelegramCrashPlatform(); DeskDb db = new DeskDb(withUser)) {
            Map<String, String> env = new HashMap<>(tg.env());
            env.put("DATABASE_USER", "postgres");
            DeskJar jar = new DeskJar(dir).withJvmOptions("-XX:TieredStopAtLevel=1");

            int polls = tg.polls();
            DeskJar.Started leader = start(jar, "desk-a", env, config("a", FreePort.loopback()));
            leader.await("the first desk polls Telegram", START, () -> tg.polls() != polls);
            int standbyHealth = FreePort.loopback();
            DeskJar.Started standby = start(jar, "desk-b", env, config("b", standbyHealth));
            standby.await("the second desk stands by", START, () -> standby.stderr().contains("standby"));
            // its monitoring sees a healthy standby, not a desk that is down
            String ready = get(standbyHealth, "/ready");
            assertThat(ready).contains("\"role\" : \"standby\"").contains("\"ready\" : true").contains("\"database\" : \"ok\"");

            AtomicInteger asked = new AtomicInteger();
            Thread feeder = new Thread(() -> feed(tg, plan, asked), "failover-feeder");
            feeder.setDaemon(true);
            feeder.start();
            awaitReplies(tg, plan, KILL_AFTER_REPLIES, leader);
            assertThat(standby.stderr()).as("the standby did not take over while the leader lived").doesNotContain("took over");

            int repliesAtLoss = ReplyTally.of(tg).distinct();
            int askedAtLoss = asked.get();
            long t0 = System.nanoTime();
            loss.apply(leader);
            int pollsAfterLoss = tg.polls();
            standby.await("the standby takes over", TAKEOVER_LIMIT, () -> standby.stderr().contains("took over"));
            long tookOver = (System.nanoTime() - t0) / 1_000_000;
            standby.await("the standby polls Telegram", TAKEOVER_LIMIT, () -> tg.polls() != pollsAfterLoss);
            long polled = (System.nanoTime() - t0) / 1_000_000;
            standby.await("a reply after the takeover", TAKEOVER_LIMIT, () -> ReplyTally.of(tg).distinct() > repliesAtLoss);
            long firstReply = (System.nanoTime() - t0) / 1_000_000;
            afterwards.apply(leader);
            assertThat(get(standbyHealth, "/ready")).contains("\"role\" : \"leading\"").contains("\"telegram\"");

            standby.await("every question answered", SETTLE, () -> {
                try {
                    return ReplyTally.of(tg).distinct() >= plan.asks().size() && db.outboxWaiting() == 0;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            feeder.join(5000);
            System.out.printf("[failover %s] seed %d; leader lost at %d questions / %d replies; standby took the lead"
                            + " after %d ms, polled Telegram after %d ms, first reply after %d ms%n",
                    how, seed, askedAtLoss, repliesAtLoss, tookOver, polled, firstReply);
            assertThat(standby.terminate(Duration.ofSeconds(30))).as("the new leader stops on SIGTERM").isTrue();

            ReplyTally replies = ReplyTally.of(tg);
            List<DeskDb.ConsultationRow> consultations = db.consultations();
            QuestionsRecorded recorded = QuestionsRecorded.of(plan, tg, consultations);
            assertThat(recorded.twice()).as("consultations recorded twice").isEmpty();
            assertThat(recorded.missing()).as("questions without a consultation").isEmpty();
            assertThat(consultations).hasSize(plan.asks().size());
            assertThat(db.tickets()).as("tickets: one per question passed to a consultant").hasSize((int) plan.escalations());
            assertThat(replies.distinct()).as("questions with their reply").isEqualTo(plan.asks().size());
            assertThat(replies.unrecognised()).as("replies that answer no question").isEmpty();
            assertThat(replies.duplicates()).as("repeated replies (at most the one in flight when the leader went)")
                    .isLessThanOrEqualTo(1);
            assertThat(db.outboxGivenUp()).as("replies given up").isZero();
            assertThat(tg.unconfirmed()).as("updates Telegram still keeps").isZero();
        }
    }

    private Path config(String name, int healthPort) {
        Path desk = dir.resolve(name);
        try {
            java.nio.file.Files.createDirectories(desk);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return JarConfig.project(desk).withoutConsultantsChat().database(postgresUrl).health(healthPort).write();
    }

    private static String get(int port, String path) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).build();
        return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private DeskJar.Started start(DeskJar jar, String name, Map<String, String> env, Path config) {
        DeskJar.Started started = jar.start(name, env, "run", "--config", config.toString());
        desks.add(started);
        return started;
    }

    private static void feed(TelegramCrashPlatform tg, CrashPlan plan, AtomicInteger asked) {
        try {
            for (CrashPlan.Ask a : plan.asks()) {
                tg.ask(a.person(), a.text());
                if (asked.incrementAndGet() % 10 == 0) {
                    Thread.sleep(300); // bursts of ten, about 33 questions a second
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReplies(TelegramCrashPlatform tg, CrashPlan plan, int count, DeskJar.Started leader)
            throws InterruptedException {
        leader.await("the leader answers " + count + " of " + plan.asks().size() + " questions", SETTLE,
                () -> ReplyTally.of(tg).distinct() >= count);
    }
}
