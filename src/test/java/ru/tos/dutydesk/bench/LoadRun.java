package ru.tos.dutydesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import ru.tos.dutydesk.channel.telegram.TelegramChannel;
import ru.tos.dutydesk.channel.telegram.TelegramSettings;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.TestStores;

/**
 * Load run of the whole path, in process: the desk with SQLite (temp file) and the real Telegram channel (real
 * telegrambots client over loopback HTTP) against the emulator. Each update comes from a different person, as
 * many distinct people would write, so Telegram's per-chat limit (about 1 a second) never applies.
 *
 * <p>Phase 1 offers a fixed rate for some seconds and measures the latency from pushing an update into the
 * emulator (it becomes available to getUpdates) to the first reply arriving at the emulator; the time of arrival
 * is taken by the emulator's own callback, so the measuring side polls nothing. Phase 2 pushes a burst at once and
 * measures the sustained rate at which the desk takes updates (handled and committed, replies in the outbox) and
 * the rate at which the replies arrive. The handler's time is split into the matcher and the rest (SQLite and the
 * desk's logic), and stack samples of the handling thread ({@link HandlerSampler}) give the SQLite-only share;
 * {@code --matcher=memo} replaces the matcher by a look-up of the real matcher's results computed
 * beforehand, so that the rest of the path shows on its own.
 *
 * <p>Usage: {@code LoadRun [rate=100] [seconds=10] [burst=3000] [--matcher=real|memo] [--max-mps=30]}, from the
 * project root. {@code --max-mps} is the channel's overall send limit ({@code telegram.max-messages-per-second});
 * Telegram's own is 30, the emulator has none.
 */
public final class LoadRun {
    private static final String TOKEN = "123456:bench-token";
    private static final int WARM_UP = 1500;
    /** Thread CPU time: on a shared machine the fair measure of work done, where wall time includes waiting for a core. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** Each update comes from a new person, so per-chat limits never apply. */
    private long nextUser = 1_000_000;
    /** Chat → nanoTime of the push still waiting for its first reply. */
    private final Map<Long, Long> awaiting = new ConcurrentHashMap<>();
    private volatile Phase phase;

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        new LoadRun().run(args);
    }

    private void run(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new java.util.ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                positional.add(a);
            }
        }
        int rate = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100;
        int seconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 10;
        int burst = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 3000;
        String matcherKind = options.getOrDefault("matcher", "real");
        int maxMps = Integer.parseInt(options.getOrDefault("max-mps", String.valueOf(TelegramSettings.TELEGRAM_MESSAGES_PER_SECOND)));

        Path root = Path.of(System.getProperty("dutydesk.root", ".")).toAbsolutePath();
        AppConfig config = new ConfigLoader(Map.of()).load(root.resolve("config/duty-desk.yml"));
        KnowledgeBase base = new KnowledgeLoader().load(root.resolve("faq"), config.placeholders());
        List<String> questions = new BenchInputs().questions();
        Matcher real = new LuceneMatcher(base, RussianAnalysis.standard(), config.thresholds());
        TimedMatcher matcher = new TimedMatcher(switch (matcherKind) {
            case "real" -> real;
            case "memo" -> MemoMatcher.of(real, questions);
            default -> throw new IllegalArgumentException("--matcher=real or --matcher=memo, not " + matcherKind);
        });
        // -Dtos.store=postgres: the same run on a PostgreSQL server of its own on loopback (testing/TestPostgres)
        String setup = "matcher=" + matcherKind + " max-mps=" + maxMps + " store=" + (TestStores.onPostgres() ? "postgres" : "sqlite");
        Path tmp = Files.createTempDirectory("dutydesk-load");
        Clock clock = Clock.systemUTC();
        try (TelegramBotApiEmulator emulator = TelegramBotApiEmulator.start(TOKEN);
             SqlStore store = TestStores.open(tmp.resolve("desk.db"))) {
            emulator.onBotMessage(this::arrived);
            Desk desk = new Desk(store, new Knowledge(base, matcher, new IntentDetector()),
                    config.desk().withConsultantsChat(Optional.empty()), clock);
            TimedHandler handler = new TimedHandler(desk);
            TelegramSettings settings = TelegramSettings.defaults(TOKEN, emulator.apiUrl(), Optional.empty())
                    .withMaxMessagesPerSecond(maxMps);
            try (TelegramChannel channel = new TelegramChannel(settings, handler, store.outbox(), (item, reason) -> { },
                    clock)) {
                channel.start();
                // warm-up at a rate the desk can follow, so the JIT has compiled the path before measuring
                offer(emulator, questions, Math.min(rate, maxMps), WARM_UP / Math.max(1, Math.min(rate, maxMps)) + 1, 120);
                handler.reset();
                matcher.reset();
                fixedRate(emulator, questions, handler, matcher, rate, seconds, setup);
                handler.reset();
                matcher.reset();
                saturation(emulator, questions, handler, matcher, burst, setup);
            }
        }
    }

    /** Called by the emulator as each bot message arrives. */
    private void arrived(SentMessage m) {
        Long pushed = awaiting.remove(m.chatId());
        Phase p = phase;
        if (pushed != null && p != null) {
            p.replied(System.nanoTime() - pushed);
        }
    }

    private Phase offer(TelegramBotApiEmulator emulator, List<String> questions, int rate, int seconds, int waitSeconds)
            throws InterruptedException {
        int total = rate * seconds;
        Phase p = new Phase(total);
        phase = p;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        for (int i = 0; i < total; i++) {
            long wait = p.start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            push(emulator, questions.get(i % questions.size()));
        }
        p.await(waitSeconds);
        return p;
    }

    private void push(TelegramBotApiEmulator emulator, String text) {
        long user = nextUser++;
        awaiting.put(user, System.nanoTime());
        emulator.pushText(TgUser.of(user, "Житель"), text);
    }

    private void fixedRate(TelegramBotApiEmulator emulator, List<String> questions, TimedHandler handler,
                           TimedMatcher matcher, int rate, int seconds, String setup) throws InterruptedException {
        Phase p = offer(emulator, questions, rate, seconds, 180);
        long[] ms = p.latencies();
        System.out.printf("load fixed-rate %s offered=%d/s updates=%d replied=%d p50-ms=%.1f p99-ms=%.1f max-ms=%.1f "
                        + "reply-rate=%.1f/s%n", setup, rate, p.total, ms.length, pct(ms, 50), pct(ms, 99),
                pct(ms, 100), p.replyRate());
        shares("fixed-rate", setup, handler, matcher);
    }

    private void saturation(TelegramBotApiEmulator emulator, List<String> questions, TimedHandler handler,
                            TimedMatcher matcher, int burst, String setup) throws InterruptedException {
        Phase p = new Phase(burst);
        phase = p;
        handler.expect(burst);
        for (int i = 0; i < burst; i++) {
            push(emulator, questions.get(i % questions.size()));
        }
        handler.awaitExpected(TimeUnit.MINUTES.toNanos(5));
        double inboundSeconds = (System.nanoTime() - p.start) / 1e9;
        p.await(300);
        long[] ms = p.latencies();
        System.out.printf("load saturation %s burst=%d handled=%d inbound=%.0f updates/s replied=%d reply-rate=%.0f/s "
                        + "p50-ms=%.0f p99-ms=%.0f%n", setup, burst, handler.count.get(),
                handler.count.get() / inboundSeconds, ms.length, p.replyRate(), pct(ms, 50), pct(ms, 99));
        shares("saturation", setup, handler, matcher);
    }

    private static void shares(String phase, String setup, TimedHandler handler, TimedMatcher matcher) {
        long n = Math.max(1, handler.count.get());
        double handleMs = handler.nanos.get() / 1e6 / n;
        double matchMs = matcher.nanos.get() / 1e6 / n;
        double handleCpu = handler.cpuNanos.get() / 1e6 / n;
        double matchCpu = matcher.cpuNanos.get() / 1e6 / n;
        System.out.printf("load per-update %s %s handle=%.2f ms: matcher=%.2f ms (%.0f%%), SQLite+desk logic=%.2f ms "
                        + "(%.0f%%); CPU handle=%.3f ms matcher=%.3f ms rest=%.3f ms%n", phase, setup, handleMs, matchMs,
                100 * matchMs / handleMs, handleMs - matchMs, 100 * (handleMs - matchMs) / handleMs, handleCpu, matchCpu,
                handleCpu - matchCpu);
        System.out.printf("load stack-samples %s %s in the handler: %s%n", phase, setup, handler.sampler.shares());
    }

    private static double pct(long[] sortedMicros, int p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(i, sortedMicros.length - 1))] / 1000.0;
    }

    /** The replies of one phase: latencies (µs) as they arrive, and when the last one came. */
    private static final class Phase {
        final int total;
        final long start = System.nanoTime();
        private final long[] micros;
        private final AtomicInteger count = new AtomicInteger();
        private final CountDownLatch all;
        private volatile long last;

        Phase(int total) {
            this.total = total;
            this.micros = new long[total];
            this.all = new CountDownLatch(total);
        }

        void replied(long nanos) {
            int i = count.getAndIncrement();
            if (i < micros.length) {
                micros[i] = nanos / 1000;
                last = System.nanoTime();
                all.countDown();
            }
        }

        void await(int seconds) throws InterruptedException {
            all.await(seconds, TimeUnit.SECONDS);
        }

        long[] latencies() {
            long[] got = Arrays.copyOf(micros, Math.min(count.get(), micros.length));
            Arrays.sort(got);
            return got;
        }

        double replyRate() {
            int n = Math.min(count.get(), micros.length);
            return n == 0 ? 0 : n / ((last - start) / 1e9);
        }
    }

    /** The real matcher's results for the benchmark's questions, computed once; a look-up costs next to nothing. */
    private static final class MemoMatcher implements Matcher {
        private final Map<String, MatchResult> results;
        private final Matcher fallback;

        private MemoMatcher(Map<String, MatchResult> results, Matcher fallback) {
            this.results = results;
            this.fallback = fallback;
        }

        static MemoMatcher of(Matcher real, List<String> questions) {
            Map<String, MatchResult> results = new ConcurrentHashMap<>();
            for (String q : questions) {
                results.put(q, real.match(q));
            }
            return new MemoMatcher(results, real);
        }

        @Override
        public MatchResult match(String question) {
            MatchResult r = results.get(question);
            // the desk hands over the cleaned text, which for these questions is the text itself
            return r != null ? r : fallback.match(question);
        }
    }

    /** The matcher with the time spent in it added up. */
    private static final class TimedMatcher implements Matcher {
        private final Matcher inner;
        final AtomicLong nanos = new AtomicLong();

        TimedMatcher(Matcher inner) {
            this.inner = inner;
        }

        final AtomicLong cpuNanos = new AtomicLong();

        @Override
        public MatchResult match(String question) {
            long t = System.nanoTime();
            long cpu = CPU.getCurrentThreadCpuTime();
            try {
                return inner.match(question);
            } finally {
                nanos.addAndGet(System.nanoTime() - t);
                cpuNanos.addAndGet(CPU.getCurrentThreadCpuTime() - cpu);
            }
        }

        void reset() {
            nanos.set(0);
            cpuNanos.set(0);
        }
    }

    /** The desk's handler with the time spent in it and the count of handled updates. */
    private static final class TimedHandler implements InboundHandler {
        private final InboundHandler inner;
        final HandlerSampler sampler = new HandlerSampler();
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong count = new AtomicLong();
        private volatile CountDownLatch expected = new CountDownLatch(0);

        TimedHandler(InboundHandler inner) {
            this.inner = inner;
        }

        final AtomicLong cpuNanos = new AtomicLong();

        @Override
        public void handle(InboundMessage message) {
            handleAll(List.of(message));
        }

        @Override
        public void handleAll(List<InboundMessage> messages) {
            long t = System.nanoTime();
            long cpu = CPU.getCurrentThreadCpuTime();
            sampler.enter();
            try {
                inner.handleAll(messages);
            } finally {
                sampler.exit();
                nanos.addAndGet(System.nanoTime() - t);
                cpuNanos.addAndGet(CPU.getCurrentThreadCpuTime() - cpu);
                count.addAndGet(messages.size());
                for (int i = 0; i < messages.size(); i++) {
                    expected.countDown();
                }
            }
        }

        void expect(int n) {
            expected = new CountDownLatch(n);
        }

        void awaitExpected(long nanos) throws InterruptedException {
            expected.await(nanos, TimeUnit.NANOSECONDS);
        }

        void reset() {
            sampler.reset();
            nanos.set(0);
            cpuNanos.set(0);
            count.set(0);
        }
    }
}
