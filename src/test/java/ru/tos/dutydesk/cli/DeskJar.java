package ru.tos.dutydesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as a separate process, the way an administrator starts it: its own config, knowledge folder
 * and database in a test folder, tokens only from the environment. Integration tests run after {@code package}.
 */
final class DeskJar {
    static final long CONSULTANTS_CHAT = -1003000000077L;
    static final long CONSULTANT = 8077;

    private final Path dir;

    DeskJar(Path dir) {
        this.dir = dir;
    }

    /** The project's own config with this folder's database and a consultants' chat on duty round the clock. */
    Path config() {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            ObjectNode root = (ObjectNode) yaml.readTree(Path.of("config", "duty-desk.yml").toFile());
            root.put("database", dir.resolve("desk.db").toString());
            ObjectNode telegram = (ObjectNode) root.get("telegram");
            telegram.put("api-url", "https://api.telegram.org"); // TELEGRAM_API_URL overrides it, as in production
            telegram.put("consultants-chat-id", CONSULTANTS_CHAT);
            telegram.putArray("consultants").add(CONSULTANT);
            ObjectNode hours = (ObjectNode) root.get("desk").get("working-hours");
            hours.putArray("days").add("MON").add("TUE").add("WED").add("THU").add("FRI").add("SAT").add("SUN");
            hours.put("from", "00:00");
            hours.put("to", "23:59");
            Path file = dir.resolve("duty-desk.yml");
            yaml.writeValue(file.toFile(), root);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the project's knowledge base that a test may edit. */
    Path faqCopy() {
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
     * Starts {@code java -jar target/tos-duty-desk.jar args...}; stdout and stderr go to files named after
     * {@code name}. {@code env} is the whole platform environment the desk sees (no token: the console chat).
     */
    Started start(String name, Map<String, String> env, String... args) {
        Path jar = Path.of("target", "tos-duty-desk.jar");
        assertThat(jar).as("the packaged jar (integration tests run after package)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().keySet().removeIf(k -> k.startsWith("TELEGRAM_") || k.startsWith("VK_"));
        pb.environment().putAll(env);
        try {
            Process process = pb.start();
            process.getOutputStream().close(); // the console chat, if it starts, sees the end of its input
            return new Started(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the jar to its end (at most a minute) and returns what it said. */
    Finished runToEnd(Map<String, String> env, String... args) throws InterruptedException {
        Started started = start("run-" + System.nanoTime(), env, args);
        boolean ended = started.process().waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            started.process().destroyForcibly();
        }
        assertThat(ended).as("the desk stopped by itself; stderr:\n" + started.stderr()).isTrue();
        return new Finished(started.process().exitValue(), started.stdout(), started.stderr());
    }

    record Started(Process process, Path out, Path err) {
        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        void stop() {
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

    record Finished(int exitCode, String stdout, String stderr) {
        /** The lines of stderr that say something. */
        List<String> stderrLines() {
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
