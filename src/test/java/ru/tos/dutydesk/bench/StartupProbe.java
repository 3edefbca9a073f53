package ru.tos.dutydesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;

/**
 * Starts the real jar ({@code java -jar tos-duty-desk.jar run}) against the Telegram emulator with a temporary
 * database, and prints: milliseconds from process start to the first getUpdates (and to the "desk running" log
 * line), to the reply to a question that was already waiting in Telegram when the desk started (what a resident
 * notices: the desk must have built its index and handled the question), then resident memory (VmRSS, VmHWM) idle
 * (10 s after that answer) and after N questions pushed through the emulator. If the build's {@code run} does not poll Telegram, it says so and reports resident memory at idle instead.
 * Usage: {@code StartupProbe path/to/tos-duty-desk.jar [questions] [JVM options... | --launcher=scripts/run]}; run
 * from the project root. With {@code --launcher} the desk is started through that script (the way the README runs
 * it), which must run the same jar.
 */
public final class StartupProbe {
    private static final String TOKEN = "123456:bench-token";
    private static final Duration FIRST_POLL_WAIT = Duration.ofSeconds(30);
    /** How long the desk sits idle after its first answer before its idle memory is read. */
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(10);
    /** the person whose question waits in Telegram before the desk starts (not among the pushed questions' 500) */
    private static final long FIRST_ASKER = 99_999;

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        List<String> command = new ArrayList<>();
        if (args.length > 2 && args[2].startsWith("--launcher=")) {
            // the project's launcher script, which picks the JVM options itself
            command.add(Path.of(args[2].substring("--launcher=".length())).toAbsolutePath().toString());
        } else {
            command.add("java");
            for (int i = 2; i < args.length; i++) {
                command.add(args[i]);
            }
            command.add("-jar");
            command.add(jar.toString());
        }
        // a recording start (scripts/run, no archive yet) writes its class-data archive as it stops: give it time
        boolean recording = args.length > 2 && args[2].startsWith("--launcher=")
                && !Files.exists(jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa")));
        BenchInputs inputs = new BenchInputs();
        Path root = Path.of(System.getProperty("dutydesk.root", ".")).toAbsolutePath();
        Path tmp = Files.createTempDirectory("dutydesk-bench");
        try (TelegramBotApiEmulator emulator = TelegramBotApiEmulator.start(TOKEN)) {
            command.addAll(List.of("run",
                    "--config", root.resolve("config/duty-desk.yml").toString(),
                    "--faq", root.resolve("faq").toString(),
                    "--db", tmp.resolve("desk.db").toString()));
            System.out.printf("startup command: %s%n", String.join(" ", command.subList(0, command.indexOf("run") + 1)));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("TELEGRAM_BOT_TOKEN", TOKEN);
            pb.environment().put("TELEGRAM_API_URL", emulator.apiUrl());
            pb.environment().remove("VK_GROUP_TOKEN");
            pb.redirectErrorStream(true);
            pb.directory(tmp.toFile());
            // a question waiting before the desk starts: its reply times the start honestly, up to an answer
            TgUser first = TgUser.of(FIRST_ASKER, "Первый");
            emulator.pushText(first, inputs.questions().get(0));
            AtomicLong answeredAt = new AtomicLong(-1);
            long start = System.nanoTime();
            emulator.onBotMessage(m -> {
                if (m.chatId() == FIRST_ASKER) {
                    answeredAt.compareAndSet(-1, System.nanoTime() - start);
                }
            });
            Process desk = pb.start();
            AtomicLong runningAt = new AtomicLong(-1);
            Thread logReader = readLog(desk, start, runningAt, tmp.resolve("desk.log"));
            try {
                long firstPoll = waitForFirstPoll(emulator, desk, start);
                System.out.printf("startup ready-log-ms=%d%n", millis(runningAt.get()));
                if (firstPoll < 0) {
                    System.out.printf("startup first-getupdates-ms=none (no getUpdates within %d s: "
                            + "`run` does not poll Telegram in this build)%n", FIRST_POLL_WAIT.toSeconds());
                    System.out.printf("rss idle %s%n", rss(desk.pid()));
                    return;
                }
                System.out.printf("startup first-getupdates-ms=%d cpu-ms=%s%n", firstPoll, cpuMillis(desk.pid()));
                long answered = waitForFirstAnswer(answeredAt, desk);
                System.out.printf("startup first-answer-ms=%s cpu-ms=%s%n", answered < 0 ? "none" : answered,
                        cpuMillis(desk.pid()));
                Thread.sleep(IDLE_SETTLE.toMillis()); // started and answered one question; nothing else to do
                System.out.printf("rss idle %s%n", rss(desk.pid()));
                pushQuestions(emulator, inputs.questions(), questions);
                System.out.printf("rss after-questions=%d delivered=%d %s%n", questions,
                        emulator.deliveredUpdates() - 1, rss(desk.pid()));
            } finally {
                long stopping = System.nanoTime();
                desk.destroy();
                if (desk.waitFor(recording ? 60 : 10, TimeUnit.SECONDS)) {
                    System.out.printf("stop-ms=%d%s%n", millis(System.nanoTime() - stopping), recording ? " (recording)" : "");
                } else {
                    System.out.println("stop-ms=none (killed)");
                    desk.destroyForcibly();
                }
                logReader.join(2000);
            }
        }
    }

    /** Milliseconds from start to the first getUpdates, or -1 if none came in time or the process ended. */
    private static long waitForFirstPoll(TelegramBotApiEmulator emulator, Process desk, long start)
            throws InterruptedException {
        long deadline = start + FIRST_POLL_WAIT.toNanos();
        while (System.nanoTime() < deadline && desk.isAlive()) {
            if (emulator.calls("getUpdates") > 0) {
                return millis(System.nanoTime() - start);
            }
            Thread.sleep(1);
        }
        return -1;
    }

    /** Milliseconds from start to the first reply to the question that waited for the desk, or -1. */
    private static long waitForFirstAnswer(AtomicLong answeredAt, Process desk) throws InterruptedException {
        long deadline = System.nanoTime() + FIRST_POLL_WAIT.toNanos();
        while (answeredAt.get() < 0 && System.nanoTime() < deadline && desk.isAlive()) {
            Thread.sleep(1);
        }
        return millis(answeredAt.get());
    }

    /** Pushes questions from many people and waits until the desk has taken them all (or a minute passes). */
    private static void pushQuestions(TelegramBotApiEmulator emulator, List<String> texts, int count)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            emulator.pushText(TgUser.of(100_000 + i % 500, "Житель" + i % 500), texts.get(i % texts.size()));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (emulator.deliveredUpdates() < count + 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(2000);
    }

    private static Thread readLog(Process desk, long start, AtomicLong runningAt, Path logFile) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(desk.getInputStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(logFile)) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (runningAt.get() < 0 && line.contains("desk running")) {
                        runningAt.set(System.nanoTime() - start);
                    }
                    out.write(line);
                    out.newLine();
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "desk-log");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** User plus system CPU time the process has used so far (all its threads), from /proc; "?" if unreadable. */
    private static String cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) in clock ticks, 100 a second on Linux
            return String.valueOf((Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String rss(long pid) {
        try {
            StringBuilder sb = new StringBuilder();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] parts = line.split("\\s+");
                    sb.append(parts[0].replace(":", "").toLowerCase()).append("-mib=")
                            .append(String.format("%.1f", Long.parseLong(parts[1]) / 1024.0)).append(' ');
                }
            }
            return sb.toString().trim();
        } catch (IOException e) {
            return "rss=unavailable";
        }
    }

    private static long millis(long nanos) {
        return nanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
