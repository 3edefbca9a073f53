package ru.tos.dutydesk.crash;

import ru.tos.dutydesk.testing.DeskJar;
import ru.tos.dutydesk.testing.JarConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged jar serving a crash platform, with the project's config pointed at a temporary database. Killed
 * with SIGKILL and started again as often as the test likes; each start has its own output files.
 */
final class RestartingDesk implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final Path dir;
    private final Path config;
    private final CrashPlatform platform;
    /** C1 only: the same jar, started four times per run, at a third of the start-up CPU on a 2-core CI machine. */
    private final DeskJar jar;
    private final List<DeskJar.Started> starts = new ArrayList<>();
    private volatile DeskJar.Started current;

    RestartingDesk(Path dir, CrashPlatform platform) {
        this.dir = dir;
        this.platform = platform;
        this.jar = new DeskJar(dir).withJvmOptions("-XX:TieredStopAtLevel=1");
        // no consultants' chat: an escalated question is acknowledged to the person (that is its reply here)
        this.config = JarConfig.project(dir).withoutConsultantsChat().write();
    }

    Path database() {
        return dir.resolve("desk.db");
    }

    /** Starts the jar and returns once it polls the platform. */
    void start() throws InterruptedException {
        int polls = platform.polls();
        DeskJar.Started started = jar.start("desk-" + (starts.size() + 1), platform.env(), "run", "--config", config.toString());
        starts.add(started);
        current = started;
        started.await("the desk polls " + platform.name(), START, () -> platform.polls() != polls);
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook, nothing flushed. Returns the exit value. */
    int kill() throws InterruptedException {
        return current.kill();
    }

    /** SIGTERM: the desk's own shutdown. Returns the exit value. */
    int stop() throws InterruptedException {
        DeskJar.Started started = current;
        if (!started.terminate(STOP)) {
            started.stop();
            throw new AssertionError("the desk did not stop on SIGTERM");
        }
        return started.process().exitValue();
    }

    boolean alive() {
        DeskJar.Started started = current;
        return started != null && started.process().isAlive();
    }

    /** What every start printed, in order. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (DeskJar.Started started : starts) {
            sb.append(started.output());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        DeskJar.Started started = current;
        if (started != null) {
            started.stop();
        }
    }
}
