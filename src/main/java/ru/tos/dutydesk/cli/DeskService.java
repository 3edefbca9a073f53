package ru.tos.dutydesk.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.DeliveryListener;
import ru.tos.dutydesk.channel.max.MaxChannel;
import ru.tos.dutydesk.channel.max.MaxChannelOptions;
import ru.tos.dutydesk.channel.max.MaxSettings;
import ru.tos.dutydesk.channel.email.EmailChannel;
import ru.tos.dutydesk.channel.email.EmailSettings;
import ru.tos.dutydesk.channel.email.TicketLookup;
import ru.tos.dutydesk.channel.telegram.TelegramChannel;
import ru.tos.dutydesk.channel.telegram.TelegramTokenRejected;
import ru.tos.dutydesk.channel.telegram.TelegramSettings;
import ru.tos.dutydesk.channel.vk.VkChannel;
import ru.tos.dutydesk.channel.vk.VkChannelOptions;
import ru.tos.dutydesk.channel.vk.VkSettings;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeWatcher;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.health.DeskMetrics;
import ru.tos.dutydesk.health.HealthServer;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.store.DatabaseWatch;
import ru.tos.dutydesk.store.DeskLead;
import ru.tos.dutydesk.store.StoreException;
import ru.tos.dutydesk.store.NightlyBackup;
import ru.tos.dutydesk.store.SqlStore;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The desk as a long-running service on its chat platforms, until the process is asked to stop. */
final class DeskService {
    private static final Logger log = LoggerFactory.getLogger(DeskService.class);
    /** Telegram keeps unconfirmed updates 24 h; two days of dedup keys cover any redelivery. */
    private static final Duration KEEP_UPDATE_KEYS = Duration.ofDays(2);
    static final String TOKEN_REJECTED = "Telegram отклонил токен: проверьте TELEGRAM_BOT_TOKEN";
    /** The connection to PostgreSQL broke, and the lead with it: the service manager starts the desk again. */
    static final int EXIT_CONNECTION_LOST = 75;
    /** How often a standby desk tries to take the lead, and a leading one makes sure its connection still lives. */
    private static final Duration LEAD_CHECK = Duration.ofSeconds(1);

    private final DeskContext ctx;
    private final ChannelTokens tokens;
    private final List<AutoCloseable> running = new ArrayList<>();

    DeskService(DeskContext ctx, ChannelTokens tokens) {
        this.ctx = ctx;
        this.tokens = tokens;
    }

    int runUntilStopped() throws InterruptedException {
        AppConfig config = ctx.config();
        Clock clock = Clock.systemUTC();
        // knowledge before the store: a broken knowledge file must stop the start before the database is touched
        // the files as they are before the load: an edit made while the index builds is reloaded, not missed
        KnowledgeWatcher.Baseline knowledgeFiles = KnowledgeWatcher.baseline(ctx.faqDir());
        KnowledgeBase base = ctx.knowledgeBase();
        // the index, most of the start's work, builds while the database opens and the channels start
        BackgroundMatcherBuild index = BackgroundMatcherBuild.start(() -> ctx.matcher(base));
        Knowledge knowledge = new Knowledge(base, index.matcher(), new IntentDetector());
        SqlStore store = ctx.store();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger();
        if (store.file().isPresent()) {
            // a deleted or replaced database file: save what the connection holds and stop for a clean restart
            running.add(new DatabaseWatch(store, clock, code -> {
                exitCode.set(code);
                stopped.countDown();
            }).start(DatabaseWatch.DEFAULT_INTERVAL));
        }
        store.onConnectionLost(() -> {
            log.error("the connection to the database {} was lost; stopping so that the desk starts again (another"
                    + " desk on the same database takes over meanwhile)", ctx.database().describe());
            exitCode.compareAndSet(0, EXIT_CONNECTION_LOST);
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            stopAll();
            stopped.countDown();
        }, "shutdown"));
        DeskMetrics metrics = new DeskMetrics(clock);
        AtomicReference<Map<Channel, PollStatus>> polls = new AtomicReference<>(Map.of());
        DeskLead lead = store.lead();
        AtomicBoolean leading = new AtomicBoolean();
        try {
            // before the lead, so that a standby desk answers its monitoring too
            HealthServer.startIfConfigured(config.health(), store, polls::get, leading::get, metrics, clock)
                    .ifPresent(running::add);
        } catch (UncheckedIOException e) {
            stopAll();
            throw new StartupException("health.port: " + e.getMessage());
        }
        if (!awaitLead(lead, stopped, exitCode)) {
            return exitCode.get();
        }
        DeskSettings settings = config.desk();
        if (tokens.telegram().isEmpty()) {
            settings = settings.withConsultantsChat(Optional.empty());
        } else {
            SetupWarnings.logFor(config.consultantsChatId(), settings);
        }
        // the titles of the knowledge live at the time of each /stats, hot reloads included
        AtomicReference<Desk> live = new AtomicReference<>();
        TopicTitles titles = id -> live.get().knowledge().base().entry(id).map(Entry::title);
        Desk desk = new Desk(store, knowledge, settings, clock, ctx.coordinatorReports(store, titles));
        live.set(desk);
        desk.enableTeaching(ctx.teaching());
        desk.enableEvents(config.events());
        desk.onEvents(metrics);
        KnowledgeLoader loader = new KnowledgeLoader(config.knowledgeFileLimitBytes());
        KnowledgeWatcher watcher = new KnowledgeWatcher(ctx.faqDir(), () -> loader.load(ctx.faqDir(), config.placeholders()),
                new HotReload(ctx, desk), KnowledgeWatcher.DEFAULT_INTERVAL);
        running.add(watcher);
        watcher.start(knowledgeFiles);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "desk-maintenance");
            t.setDaemon(true);
            return t;
        });
        running.add(scheduler::shutdownNow);
        scheduler.scheduleWithFixedDelay(() -> maintain(desk, store, clock), 30, 30, TimeUnit.SECONDS);
        if (lead.shared()) {
            // an idle desk would otherwise learn of a dead connection only at its next message
            scheduler.scheduleWithFixedDelay(lead::stillConnected, LEAD_CHECK.toMillis(), LEAD_CHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        config.backup().ifPresent(b -> {
            NightlyBackup nightly = new NightlyBackup(store.file().orElseThrow(), b.folder(), b.keep(), b.at(), config.zone(), clock);
            // looked at every minute, first a minute after the start so that the index builds undisturbed
            scheduler.scheduleWithFixedDelay(nightly::runIfDue, 60, 60, TimeUnit.SECONDS);
            log.info("nightly backup at {} ({}) into {}, keeping the newest {}", b.at(), config.zone(), b.folder(), b.keep());
        });
        polls.set(startChannels(config, desk, index.gate(desk), store, clock, metrics));
        leading.set(true); // only now does /ready judge the channels' polling
        try {
            index.await();
        } catch (StartupException e) {
            stopAll();
            throw e;
        }
        if (stopped.getCount() > 0) { // not asked to stop while the index was building
            log.info("desk running: knowledge {} entries, database {}", desk.knowledge().base().size(),
                    ctx.database().describe());
        }
        stopped.await();
        if (exitCode.get() != 0) {
            stopAll(); // channels stop before the store closes behind them
        }
        return exitCode.get();
    }

    /**
     * Waits until this desk holds the lead (at once on SQLite, or when no other desk on the PostgreSQL database has
     * it); false when asked to stop first or the connection was lost.
     */
    private boolean awaitLead(DeskLead lead, CountDownLatch stopped, AtomicInteger exitCode) throws InterruptedException {
        try {
            if (lead.tryTake()) {
                return true;
            }
            log.info("standby: another desk polls the channels of {}; this one takes over when it stops",
                    ctx.database().describe());
            while (!stopped.await(LEAD_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (lead.tryTake()) {
                    log.info("took over: this desk now polls the channels and sends");
                    return true;
                }
            }
            return false;
        } catch (StoreException e) {
            log.error("database {}: {}", ctx.database().describe(), e.getMessage());
            exitCode.compareAndSet(0, EXIT_CONNECTION_LOST);
            return false;
        }
    }

    /**
     * @param handler the desk behind the gate that holds messages until the index is ready
     * @return the polling of each channel started, for the health listener
     */
    private Map<Channel, PollStatus> startChannels(AppConfig config, Desk desk, InboundHandler handler, SqlStore store,
                                                   Clock clock, DeskMetrics metrics) {
        Map<Channel, PollStatus> polls = new EnumMap<>(Channel.class);
        DeliveryListener givenUp = metrics.deliveries((item, reason) -> desk.deliveryGivenUp(item.message().to(), reason));
        if (tokens.telegram().isPresent()) {
            TelegramSettings settings;
            try {
                settings = TelegramSettings.of(tokens.telegram().get(), config);
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage());
            }
            TelegramChannel telegram = new TelegramChannel(settings, handler, store.outbox(), givenUp, clock);
            running.add(telegram);
            desk.onOutbox(telegram.outboxSignal());
            polls.put(Channel.TELEGRAM, telegram.pollStatus());
            metrics.watch(Channel.TELEGRAM, telegram.pollStatus());
            try {
                telegram.start();
            } catch (TelegramTokenRejected e) {
                log.debug("telegram: {}", e.getMessage());
                stopAll();
                throw new StartupException(TOKEN_REJECTED, 2);
            }
        }
        VkSettings.fromEnvironment(ctx.env(), config.vkApiUrl()).ifPresent(vkSettings -> {
            VkChannel vk = new VkChannel(vkSettings, store, store.outbox(), givenUp, VkChannelOptions.defaults(), clock);
            running.add(vk);
            desk.onOutbox(vk.outboxSignal());
            polls.put(Channel.VK, vk.pollStatus());
            metrics.watch(Channel.VK, vk.pollStatus());
            vk.start(handler);
        });
        startMax(config, handler, store, clock, metrics, givenUp, polls, desk);
        startEmail(config, desk, handler, store, clock, metrics, givenUp, polls);
        return polls;
    }

    /** MAX, when MAX_BOT_TOKEN is set: a resident's ticket is answered from the Telegram consultants' chat. */
    private void startMax(AppConfig config, InboundHandler handler, SqlStore store, Clock clock, DeskMetrics metrics,
                          DeliveryListener givenUp, Map<Channel, PollStatus> polls, Desk desk) {
        Optional<MaxSettings> settings;
        try {
            settings = MaxSettings.fromEnvironment(ctx.env(), config.max());
        } catch (RuntimeException e) { // a token that cannot be a token, an unreadable max.ca-file
            throw new StartupException(e.getMessage());
        }
        settings.ifPresent(s -> {
            MaxChannel max;
            try {
                max = new MaxChannel(s, store, store.outbox(), givenUp, MaxChannelOptions.defaults(), clock);
            } catch (RuntimeException e) {
                throw new StartupException(e.getMessage());
            }
            running.add(max);
            desk.onOutbox(max.outboxSignal());
            polls.put(Channel.MAX, max.pollStatus());
            metrics.watch(Channel.MAX, max.pollStatus());
            max.start(handler);
        });
    }

    private void startEmail(AppConfig config, Desk desk, InboundHandler handler, SqlStore store, Clock clock,
                            DeskMetrics metrics, DeliveryListener givenUp, Map<Channel, PollStatus> polls) {
        Optional<EmailSettings> settings;
        try {
            settings = EmailSettings.of(config.email(), ctx.env());
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
        settings.ifPresent(s -> {
            EmailChannel email = EmailChannel.standard(s, store, store.outbox(), TicketLookup.from(store), givenUp,
                    desk::deliveryGivenUp, clock);
            running.add(email);
            desk.onOutbox(email.outboxSignal());
            polls.put(Channel.EMAIL, email.pollStatus());
            metrics.watch(Channel.EMAIL, email.pollStatus());
            email.start(handler);
        });
    }

    private void maintain(Desk desk, SqlStore store, Clock clock) {
        try {
            desk.runMaintenance();
            store.pruneUpdates(clock.instant().minus(KEEP_UPDATE_KEYS));
        } catch (RuntimeException e) {
            log.error("maintenance failed: {}", e.toString());
        }
    }

    private synchronized void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("stopping {}: {}", running.get(i), e.toString());
            }
        }
        running.clear();
    }
}
