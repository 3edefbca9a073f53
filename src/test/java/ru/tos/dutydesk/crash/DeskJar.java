package ru.tos.dutydesk.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as its own process against an emulator, with the project's config pointed at a temporary
 * database. Killed with SIGKILL and started again as often as the test likes; each start has its own log.
 */
final class DeskJar implements AutoCloseable {
    /** 128 + 9: how the JDK reports a process ended by SIGKILL on Linux. */
    static final int KILLED_BY_SIGKILL = 137;
    private static final Duration START = Duration.ofSeconds(60);

    private final Path dir;
    private final Path config;
    private final CrashPlatform platform;
    private final List<Path> logs = new ArrayList<>();
    private volatile Process process;

    DeskJar(Path dir, CrashPlatform platform) throws IOException {
        this.dir = dir;
        this.platform = platform;
        this.config = writeConfig(dir);
    }

    Path database() {
        return dir.resolve("desk.db");
    }

    /**
     * The project's own config with a temporary database and no consultants' chat: an escalated question is
     * acknowledged to the person (that is its reply here) and waits for a consultant in the database.
     */
    private static Path writeConfig(Path dir) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(Path.of("config", "duty-desk.yml").toFile());
        root.put("database", dir.resolve("desk.db").toString());
        ((ObjectNode) root.get("telegram")).remove("consultants-chat-id");
        Path file = dir.resolve("duty-desk.yml");
        yaml.writeValue(file.toFile(), root);
        return file;
    }

    /** Starts the jar and returns once it polls the platform. */
    void start() throws IOException, InterruptedException {
        Path jar = Path.of("target", "tos-duty-desk.jar");
        if (!Files.exists(jar)) {
            throw new AssertionError("the packaged jar is missing (integration tests run after package): " + jar);
        }
        Path log = dir.resolve("desk-" + (logs.size() + 1) + ".log");
        logs.add(log);
        // C1 only: the same jar, started four times per run, at a third of the start-up CPU on a 2-core CI machine
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TELEGRAM_") || k.startsWith("VK_"));
        env.putAll(platform.env());
        int polls = platform.polls();
        Process p = pb.start();
        process = p;
        long deadline = System.nanoTime() + START.toNanos();
        while (platform.polls() == polls) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the desk did not start polling " + platform.name() + "; its output:\n" + logs());
            }
            Thread.sleep(5);
        }
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook, nothing flushed. Returns the exit value. */
    int kill() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed desk did not end");
        }
        return p.exitValue();
    }

    /** SIGTERM: the desk's own shutdown. Returns the exit value. */
    int stop() throws InterruptedException {
        Process p = process;
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the desk did not stop on SIGTERM");
        }
        return p.exitValue();
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    String logs() {
        StringBuilder sb = new StringBuilder();
        for (Path log : logs) {
            sb.append("--- ").append(log.getFileName()).append('\n');
            try {
                sb.append(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)\n");
            } catch (IOException e) {
                sb.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
