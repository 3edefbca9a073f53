package ru.tos.dutydesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ru.tos.dutydesk.channel.telegram.TelegramChannel;
import ru.tos.dutydesk.channel.telegram.TelegramSettings;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.store.SqliteStore;

/**
 * Load run of the whole path, in process: the desk with SQLite (temp file) and the real Telegram channel against
 * the emulator. Each update comes from a different person (so per-chat send limits do not apply). Phase 1 offers
 * a fixed rate for some seconds and measures latency from push (update available) to the first reply reaching the
 * emulator; phase 2 pushes a burst at once and measures the sustained inbound rate (updates handled per second).
 * The time inside the desk's handler is split into matcher time and the rest (SQLite transaction and desk logic).
 * Usage: {@code LoadRun [rate=100] [seconds=10] [burst=5000]}; run from the project root.
 */
public final class LoadRun {
    private static final String TOKEN = "123456:bench-token";

    /** Each update comes from a new person, so per-chat limits never apply. */
    private long nextUser = 1_000_000;

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        new LoadRun().run(args);
    }

    private void run(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        Path root = Path.of(System.getProperty("dutydesk.root", ".")).toAbsolutePath();
        AppConfig config = new ConfigLoader(Map.of()).load(root.resolve("config/duty-desk.yml"));
        KnowledgeBase base = new KnowledgeLoader().load(root.resolve("faq"), config.placeholders());
        TimedMatcher matcher = new TimedMatcher(new LuceneMatcher(base, RussianAnalysis.standard(), config.thresholds()));
        List<String> questions = new BenchInputs().questions();
        Path tmp = Files.createTempDirectory("dutydesk-load");
        Clock clock = Clock.systemUTC();
        try (TelegramBotApiEmulator emulator = TelegramBotApiEmulator.start(TOKEN);
             SqliteStore store = SqliteStore.open(tmp.resolve("desk.db"))) {
            Desk desk = new Desk(store, new Knowledge(base, matcher, new IntentDetector()),
                    config.desk().withConsultantsChat(Optional.empty()), clock);
            TimedHandler handler = new TimedHandler(desk);
            try (TelegramChannel channel = new TelegramChannel(TelegramSettings.defaults(TOKEN, emulator.apiUrl(),
                    Optional.empty()), handler, store.outbox(), (item, reason) -> { }, clock)) {
                channel.start();
                warmUp(emulator, questions);
                handler.reset();
                matcher.reset();
                fixedRate(emulator, questions, handler, matcher, rate, seconds);
                handler.reset();
                matcher.reset();
                saturation(emulator, questions, handler, matcher, burst);
            }
        }
    }


    private void warmUp(TelegramBotApiEmulator emulator, List<String> questions) throws InterruptedException {
        Map<Long, Long> pushed = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            long user = nextUser++;
            emulator.pushText(TgUser.of(user, "Разогрев"), questions.get(i % questions.size()));
            pushed.put(user, System.nanoTime());
        }
        awaitReplies(emulator, pushed, 60);
    }

    private void fixedRate(TelegramBotApiEmulator emulator, List<String> questions, TimedHandler handler,
                                  TimedMatcher matcher, int rate, int seconds) throws InterruptedException {
        Map<Long, Long> pushed = new HashMap<>();
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long user = nextUser++;
            emulator.pushText(TgUser.of(user, "Житель"), questions.get(i % questions.size()));
            pushed.put(user, System.nanoTime());
        }
        long[] latencies = awaitReplies(emulator, pushed, 120);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("load fixed-rate offered=%d/s updates=%d replied=%d p50-ms=%.1f p99-ms=%.1f max-ms=%.1f "
                        + "reply-rate=%.1f/s%n", rate, total, latencies.length, pct(latencies, 50), pct(latencies, 99),
                pct(latencies, 100), latencies.length / elapsed);
        shares(handler, matcher);
    }

    private void saturation(TelegramBotApiEmulator emulator, List<String> questions, TimedHandler handler,
                                   TimedMatcher matcher, int burst) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            emulator.pushText(TgUser.of(nextUser++, "Житель"), questions.get(i % questions.size()));
        }
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        while (handler.count.get() < burst && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("load saturation burst=%d handled=%d inbound=%.0f updates/s (handled, replies queued in "
                + "the outbox)%n", burst, handler.count.get(), handler.count.get() / elapsed);
        shares(handler, matcher);
    }

    private static void shares(TimedHandler handler, TimedMatcher matcher) {
        long n = Math.max(1, handler.count.get());
        double handleMs = handler.nanos.get() / 1e6 / n;
        double matchMs = matcher.nanos.get() / 1e6 / n;
        System.out.printf("load per-update handle=%.2f ms: matcher=%.2f ms (%.0f%%), SQLite+desk logic=%.2f ms (%.0f%%)%n",
                handleMs, matchMs, 100 * matchMs / handleMs, handleMs - matchMs, 100 * (handleMs - matchMs) / handleMs);
    }

    /** Waits for the first reply in each pushed chat; returns the latencies in ms*1000 (µs) of those that came. */
    private static long[] awaitReplies(TelegramBotApiEmulator emulator, Map<Long, Long> pushed, int maxSeconds)
            throws InterruptedException {
        Map<Long, Long> pending = new HashMap<>(pushed);
        List<Long> latencies = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            pending.entrySet().removeIf(e -> {
                if (!emulator.sentTo(e.getKey()).isEmpty()) {
                    latencies.add((now - e.getValue()) / 1000);
                    return true;
                }
                return false;
            });
            Thread.sleep(2);
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double pct(long[] sortedMicros, int p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(i, sortedMicros.length - 1))] / 1000.0;
    }

    /** The matcher with the time spent in it added up. */
    private static final class TimedMatcher implements Matcher {
        private final Matcher inner;
        final AtomicLong nanos = new AtomicLong();

        TimedMatcher(Matcher inner) {
            this.inner = inner;
        }

        @Override
        public ru.tos.dutydesk.matching.MatchResult match(String question) {
            long t = System.nanoTime();
            try {
                return inner.match(question);
            } finally {
                nanos.addAndGet(System.nanoTime() - t);
            }
        }

        void reset() {
            nanos.set(0);
        }
    }

    /** The desk's handler with the time spent in it and the count of handled updates. */
    private static final class TimedHandler implements InboundHandler {
        private final InboundHandler inner;
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong count = new AtomicLong();

        TimedHandler(InboundHandler inner) {
            this.inner = inner;
        }

        @Override
        public void handle(ru.tos.dutydesk.desk.InboundMessage message) {
            long t = System.nanoTime();
            try {
                inner.handle(message);
            } finally {
                nanos.addAndGet(System.nanoTime() - t);
                count.incrementAndGet();
            }
        }

        void reset() {
            nanos.set(0);
            count.set(0);
        }
    }
}
