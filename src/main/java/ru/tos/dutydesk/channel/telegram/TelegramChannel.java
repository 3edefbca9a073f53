package ru.tos.dutydesk.channel.telegram;

import ru.tos.dutydesk.channel.UrlCredentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import ru.tos.dutydesk.channel.DeliveryListener;
import ru.tos.dutydesk.channel.OutboxSender;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.InboundHandler;
import ru.tos.dutydesk.desk.Outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Telegram channel: long polling with telegrambots (synchronous consumer, so an update is confirmed only after
 * the desk committed it), and an {@link OutboxSender} delivering the desk's replies on its own thread.
 * Every thread it starts is a daemon and {@link #close()} stops them all, so the JVM can exit.
 */
public final class TelegramChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);
    private static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final TelegramSettings settings;
    private final PollingHealth health;
    private final PollStatus pollStatus;
    private final PollingBackOff pollBackOff;
    private final ExecutorService httpThreads = Executors.newCachedThreadPool(new DaemonThreads("telegram-http"));
    private final OkHttpClient pollHttp;
    private final OkHttpClient sendHttp;
    private final TelegramClient client;
    private final OutboxSender sender;
    private final TelegramUpdateConsumer consumer;
    private final ScheduledExecutorService pollThread = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("telegram-poll"));
    private final ScheduledExecutorService startRetry = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("telegram-start"));
    private volatile Optional<String> botUsername = Optional.empty();
    private TelegramBotsLongPollingApplication app;
    private BotSession session;
    private Thread senderThread;
    private int startAttempts;
    private boolean closed;

    public TelegramChannel(TelegramSettings settings, InboundHandler handler, Outbox outbox, DeliveryListener listener,
                           Clock clock) {
        this(settings, handler, outbox, listener, clock, TelegramRateLimiter.realTime(settings.maxMessagesPerSecond()));
    }

    /** With other rate limits: for tests that push many replies through an emulator, which has no limits to keep. */
    public TelegramChannel(TelegramSettings settings, InboundHandler handler, Outbox outbox, DeliveryListener listener,
                           Clock clock, TelegramRateLimiter limiter) {
        this.settings = settings;
        this.health = new PollingHealth(settings.conflictPause(), clock);
        this.pollStatus = new PollStatus(clock);
        this.pollBackOff = new PollingBackOff(settings.pollBackoff(), health);
        this.pollHttp = baseHttp()
                .readTimeout(settings.pollTimeout().plusSeconds(20))
                .addInterceptor(new GetUpdatesWatch(health, pollStatus))
                .build();
        // no silent retry by OkHttp: a resent POST could post a reply twice; the outbox decides about retries
        this.sendHttp = baseHttp()
                .readTimeout(settings.sendTimeout())
                .callTimeout(settings.sendTimeout().plusSeconds(5))
                .retryOnConnectionFailure(false)
                .build();
        this.client = new OkHttpTelegramClient(new ObjectMapper(), sendHttp, settings.token(), settings.telegramUrl());
        TelegramTransport transport = new TelegramTransport(client, new TelegramHtmlRenderer(),
                new TelegramMessageSplitter(), limiter);
        this.sender = new OutboxSender(outbox, transport, listener, settings.sendBackoff(), settings.maxSendAttempts(),
                settings.idlePoll(), clock);
        settings.consultantsChatId().ifPresent(id ->
                sender.alertOnStoreFailure(new Address(Channel.TELEGRAM, String.valueOf(id))));
        TelegramUpdateMapper mapper = new TelegramUpdateMapper(settings.consultantsChatId(), () -> botUsername, clock);
        this.consumer = new TelegramUpdateConsumer(mapper, handler, sender::signal, this::answerCallback,
                settings.pollBackoff(), d -> Thread.sleep(d.toMillis()));
    }

    private OkHttpClient.Builder baseHttp() {
        return new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(httpThreads))
                .connectionPool(new ConnectionPool(5, 60, TimeUnit.SECONDS))
                .connectTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(30));
    }

    /**
     * Starts the sender and polling. A refused token fails at once; an unreachable API is retried in the
     * background with bounded backoff, so a short outage at boot does not stop the service.
     *
     * @throws TelegramTokenRejected when Telegram refuses the token
     */
    public synchronized void start() {
        if (closed || senderThread != null) {
            throw new IllegalStateException("telegram channel already started or closed");
        }
        senderThread = new DaemonThreads("telegram-outbox").newThread(sender);
        senderThread.start();
        tryConnect();
    }

    private synchronized void tryConnect() {
        if (closed) {
            return;
        }
        try {
            connect();
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            if (code != null && (code == 401 || code == 404)) {
                close();
                throw new TelegramTokenRejected("Telegram refused the bot token (" + code + " " + e.getApiResponse()
                        + "): check TELEGRAM_BOT_TOKEN and telegram.api-url");
            }
            retryConnect(e);
        } catch (TelegramApiException | RuntimeException e) {
            retryConnect(e);
        }
    }

    private void retryConnect(Exception e) {
        pollStatus.failed(); // not a getUpdates yet, but the same fact for /ready and /metrics: Telegram is not reached
        Duration wait = settings.pollBackoff().after(++startAttempts);
        Throwable cause = e.getCause() == null ? e : e.getCause();
        // the first attempt that fails is logged, then summaries: an outage at boot is one episode like any other
        health.failed("cannot reach the Bot API at " + UrlCredentials.redact(settings.apiUrl()) + " ("
                + cause.getClass().getSimpleName() + ": " + UrlCredentials.withoutPaths(cause.getMessage()) + ")");
        log.debug("telegram: connecting again in {} ms", wait.toMillis());
        startRetry.schedule(this::tryConnectQuietly, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tryConnectQuietly() {
        try {
            tryConnect();
        } catch (IllegalStateException e) {
            log.error("telegram: {}", e.getMessage());
        }
    }

    private void connect() throws TelegramApiException {
        User me = client.execute(new GetMe());
        botUsername = Optional.ofNullable(me.getUserName());
        if (session == null) {
            app = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollHttp, () -> pollThread, () -> pollBackOff);
            app.stop(); // register without starting, so the consumer knows its session before the first poll
            session = app.registerBot(settings.token(), settings::telegramUrl, this::nextPoll, consumer);
            BotSession s = session;
            consumer.attach(updateId -> s.getLastReceivedUpdate().set(updateId - 1));
        }
        session.start(); // deleteWebhook first (a webhook would make every getUpdates a 409), then polling
        TelegramUrl url = settings.telegramUrl();
        log.info("telegram: polling {}://{}:{} as @{}", url.getSchema(), url.getHost(), url.getPort(),
                botUsername.orElse("?"));
    }

    private GetUpdates nextPoll(Integer lastReceived) {
        return GetUpdates.builder()
                .offset(lastReceived + 1)
                .limit(100)
                .timeout((int) settings.pollTimeout().toSeconds())
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
    }

    private void answerCallback(String callbackQueryId) {
        try {
            client.executeAsync(AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).build())
                    .exceptionally(e -> {
                        log.debug("telegram: answerCallbackQuery failed: {}", e.getClass().getSimpleName());
                        return false;
                    });
        } catch (TelegramApiException e) {
            log.debug("telegram: answerCallbackQuery not sent: {}", e.getClass().getSimpleName());
        }
    }

    /** Wakes the sender: call after the desk committed new outbox rows outside an inbound message (timers). */
    public Runnable outboxSignal() {
        return sender::signal;
    }

    /** What polling has run into (conflicts), for status and tests. */
    public PollingHealth health() {
        return health;
    }

    /** When getUpdates last answered and how many polls failed, for /ready and /metrics. */
    public PollStatus pollStatus() {
        return pollStatus;
    }

    /** The bot's username from getMe, once connected. */
    public Optional<String> botUsername() {
        return botUsername;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        consumer.close();
        pollBackOff.close();
        startRetry.shutdownNow();
        if (session != null) {
            session.stop();
        }
        // ends the waiting long poll now (the library logs that cancelled call once, as an error)
        pollHttp.dispatcher().cancelAll();
        awaitConsumerIdle();
        pollThread.shutdown();
        awaitTermination(pollThread, Duration.ofSeconds(2));
        pollThread.shutdownNow();
        sender.stop();
        joinQuietly(senderThread);
        try {
            if (app != null) {
                app.close();
            }
        } catch (Exception e) {
            log.debug("telegram: closing the poller: {}", e.getClass().getSimpleName());
        }
        awaitTermination(pollThread, STOP_WAIT);
        httpThreads.shutdownNow();
        pollHttp.connectionPool().evictAll();
        sendHttp.connectionPool().evictAll();
        log.info("telegram: stopped");
    }

    private void awaitConsumerIdle() {
        try {
            if (!consumer.awaitIdle(STOP_WAIT)) {
                log.warn("telegram: the desk did not finish an update within {} s; stopping anyway", STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(STOP_WAIT.toMillis());
            if (t.isAlive()) {
                t.interrupt();
                t.join(STOP_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTermination(ExecutorService e, Duration wait) {
        try {
            e.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
