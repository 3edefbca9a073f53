package ru.tos.dutydesk.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.store.SqlStore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The health and metrics listener, on 127.0.0.1 only (a reverse proxy or the local Prometheus agent reaches it;
 * the internet never does): {@code /health} says the process answers, {@code /ready} runs the
 * {@link ReadinessProbe} (503 when not ready), {@code /metrics} is {@link DeskMetrics} for Prometheus.
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);
    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService threads;

    private HealthServer(int port, ReadinessProbe readiness, DeskMetrics metrics) {
        this.server = bind(port);
        // one daemon thread: a scrape is cheap, and a stuck request must not keep the JVM alive
        this.threads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange, readiness, metrics);
            } catch (RuntimeException | IOException e) {
                log.warn("health listener: {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
            }
        });
    }

    /**
     * Starts listening on 127.0.0.1:{@code port} (0: any free port).
     *
     * @throws UncheckedIOException when the port cannot be had (in use, not allowed)
     */
    public static HealthServer start(int port, ReadinessProbe readiness, DeskMetrics metrics) {
        HealthServer s = new HealthServer(port, readiness, metrics);
        s.server.start();
        log.info("health listener on http://127.0.0.1:{} (/health, /ready, /metrics)", s.port());
        return s;
    }

    /**
     * Starts the listener when the config asks for one ({@code health:}); nothing listens otherwise. The channels
     * polled and whether this desk leads are read at each check: a desk standing by for the lead answers too.
     */
    public static Optional<HealthServer> startIfConfigured(Optional<AppConfig.HealthListener> config, SqlStore store,
                                                           Supplier<Map<Channel, PollStatus>> polls,
                                                           BooleanSupplier leading, DeskMetrics metrics, Clock clock) {
        return config.map(h -> start(h.port(), new ReadinessProbe(store, polls, leading, h.maxPollAge(), clock), metrics));
    }

    private static HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port listened on (the one chosen when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void route(HttpExchange exchange, ReadinessProbe readiness, DeskMetrics metrics) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", () -> "only GET\n");
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/health" -> send(exchange, 200, "text/plain; charset=utf-8", () -> "ok\n");
            case "/ready" -> {
                ReadinessProbe.Result r = readiness.check();
                send(exchange, r.ready() ? 200 : 503, "application/json; charset=utf-8", () -> r.json() + "\n");
            }
            case "/metrics" -> send(exchange, 200, PROMETHEUS_TYPE, metrics::prometheusText);
            default -> send(exchange, 404, "text/plain; charset=utf-8", () -> "not found: /health, /ready, /metrics\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, Supplier<String> body) throws IOException {
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        log.info("health listener stopped");
    }
}
