package ru.tos.dutydesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as a separate process, the way an administrator starts it: its own files in a test folder,
 * tokens only from the environment (the test's own environment's TELEGRAM_* and VK_* are never passed on).
 * Integration tests run after {@code package}, so the jar exists.
 */
public final class DeskJar {
    /** 128 + 9: how the JDK reports a process ended by SIGKILL on Linux. */
    public static final int KILLED_BY_SIGKILL = 137;
    /** 128 + 15: a process ended by SIGTERM before its own exit code was set. */
    public static final int ENDED_BY_SIGTERM = 143;

    private final Path dir;
    private final List<String> jvmOptions;

    /** @param dir where each start's stdout and stderr files go */
    public DeskJar(Path dir) {
        this(dir, List.of());
    }

    private DeskJar(Path dir, List<String> jvmOptions) {
        this.dir = dir;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The same jar started with these JVM options before {@code -jar}. */
    public DeskJar withJvmOptions(String... options) {
        return new DeskJar(dir, Arrays.asList(options));
    }

    /** A copy of the project's knowledge base in the test folder, for a test that edits or breaks it. */
    public Path faqCopy() {
        Path source = Path.of("faq");
        Path target = dir.resolve("faq");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * Starts {@code java [options] -jar target/tos-duty-desk.jar args...}; stdout and stderr go to
     * {@code name.out} and {@code name.err}. {@code env} is the whole platform environment the desk sees (no token:
     * the console chat, which sees the end of its input at once).
     */
    public Started start(String name, Map<String, String> env, String... args) {
        Path jar = Path.of("target", "tos-duty-desk.jar");
        assertThat(jar).as("the packaged jar (integration tests run after package)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(Arrays.asList(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().keySet().removeIf(k -> k.startsWith("TELEGRAM_") || k.startsWith("VK_") || k.startsWith("EMAIL_"));
        pb.environment().putAll(env);
        try {
            Process process = pb.start();
            process.getOutputStream().close();
            return new Started(name, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the jar to its end (at most a minute) and returns what it said. */
    public Finished runToEnd(Map<String, String> env, String... args) throws InterruptedException {
        Started started = start("run-" + System.nanoTime(), env, args);
        boolean ended = started.process().waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            started.process().destroyForcibly();
        }
        assertThat(ended).as("the desk stopped by itself; stderr:\n" + started.stderr()).isTrue();
        return new Finished(started.process().exitValue(), started.stdout(), started.stderr());
    }

    /** A running (or ended) desk and the files its output goes to. */
    public record Started(String name, Process process, Path out, Path err) {
        public String stdout() {
            return read(out);
        }

        public String stderr() {
            return read(err);
        }

        /** Both, for a failure message or a search of everything it printed. */
        public String output() {
            return "--- " + name + " stdout\n" + stdout() + "--- " + name + " stderr\n" + stderr();
        }

        /**
         * Waits until {@code condition} holds; fails with the desk's output when the desk ends first or when
         * {@code limit} passes.
         */
        public void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
            await(() -> what, limit, condition);
        }

        /** As {@link #await(String, Duration, BooleanSupplier)}, saying what was awaited as it is at the failure. */
        public void await(Supplier<String> what, Duration limit, BooleanSupplier condition) throws InterruptedException {
            Await.until(() -> what.get() + "\n" + output(), limit, () -> {
                if (condition.getAsBoolean()) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the desk ended (exit " + process.exitValue() + ") before: "
                            + what.get() + "\n" + output());
                }
                return false;
            });
        }

        /** SIGTERM, the desk's own shutdown; true when it ended within {@code limit}. */
        public boolean terminate(Duration limit) throws InterruptedException {
            process.destroy();
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** SIGKILL, as a crash or the OOM killer would (no shutdown hook); returns the exit value. */
        public int kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the killed desk did not end");
            }
            return process.exitValue();
        }

        /** For clean-up after a test: ends the desk if it still runs, without asking how. */
        public void stop() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A run that ended by itself. */
    public record Finished(int exitCode, String stdout, String stderr) {
        /** The lines of stderr that say something. */
        public List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
