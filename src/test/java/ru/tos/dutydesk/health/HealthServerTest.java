package ru.tos.dutydesk.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;
import ru.tos.dutydesk.desk.OutboxItem;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.MutableClock;
import ru.tos.dutydesk.testing.PrometheusText;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthServerTest {
    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private SqlStore store;
    private PollStatus telegram;
    private PollStatus vk;
    private DeskMetrics metrics;
    private HealthServer server;
    private final java.util.concurrent.atomic.AtomicBoolean leading = new java.util.concurrent.atomic.AtomicBoolean(true);
    private final java.util.concurrent.atomic.AtomicReference<Map<Channel, PollStatus>> polls =
            new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeEach
    void start() {
        store = SqlStore.open(dir.resolve("desk.db"));
        telegram = new PollStatus(clock);
        vk = new PollStatus(clock);
        metrics = new DeskMetrics(clock);
        metrics.watch(Channel.TELEGRAM, telegram);
        metrics.watch(Channel.VK, vk);
        polls.set(Map.of(Channel.TELEGRAM, telegram, Channel.VK, vk));
        server = HealthServer.startIfConfigured(Optional.of(new AppConfig.HealthListener(0, Duration.ofMinutes(5))),
                store, polls::get, leading::get, metrics, clock).orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ready(int expectedStatus) throws Exception {
        HttpResponse<String> r = get("/ready");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    @Test
    void healthSaysOk() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().strip()).isEqualTo("ok");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void readyReportsTheDatabaseTheOutboxTheOldestWaitingTicketAndEachChannelsLastPoll() throws Exception {
        Address resident = new Address(Channel.VK, "42");
        store.inTransaction(tx -> {
            long user = tx.upsertUser(new Person(Channel.VK, "42", "Ольга"), T0).id();
            long consultation = tx.openConsultation(user, Channel.VK, "Как создать ТОС?", T0);
            tx.openTicket(consultation, user, resident, "Как создать ТОС?", T0);
            tx.enqueue(OutboundMessage.of(resident, "Ваш вопрос передан консультанту."), T0);
            tx.enqueue(OutboundMessage.of(resident, "Второе сообщение."), T0);
            return null;
        });
        clock.advance(Duration.ofSeconds(90));
        telegram.succeeded();
        clock.advance(Duration.ofSeconds(30));
        vk.succeeded();
        clock.advance(Duration.ofSeconds(10));

        JsonNode r = ready(200);

        assertThat(r.path("ready").asBoolean()).isTrue();
        assertThat(r.path("database").asText()).isEqualTo("ok");
        assertThat(r.path("outbox_depth").asInt()).isEqualTo(2);
        assertThat(r.path("oldest_unanswered_ticket_seconds").asLong()).isEqualTo(130);
        assertThat(r.path("channels").path("telegram").path("seconds_since_last_poll").asLong()).isEqualTo(40);
        assertThat(r.path("channels").path("vk").path("seconds_since_last_poll").asLong()).isEqualTo(10);
        assertThat(r.path("problems")).isEmpty();
    }

    @Test
    void aDeskStandingByIsReadyWhileItsDatabaseAnswersAndSaysSoThenJudgesItsChannelsOnceItLeads() throws Exception {
        leading.set(false);
        polls.set(Map.of()); // another desk on the shared database polls; this one has started no channel
        clock.advance(Duration.ofMinutes(30));

        JsonNode standby = ready(200);
        assertThat(standby.path("role").asText()).isEqualTo("standby");
        assertThat(standby.path("database").asText()).isEqualTo("ok");
        assertThat(standby.path("channels")).isEmpty();

        polls.set(Map.of(Channel.TELEGRAM, telegram)); // took over: its channel has not polled yet
        leading.set(true);
        clock.advance(Duration.ofMinutes(6));
        JsonNode leader = ready(503);
        assertThat(leader.path("role").asText()).isEqualTo("leading");
        assertThat(leader.path("channels").has("telegram")).isTrue();
    }

    @Test
    void readyFailsWhileAChannelHasNotPolledForLongerThanTheLimit() throws Exception {
        telegram.succeeded();
        vk.succeeded();
        clock.advance(Duration.ofMinutes(4));
        vk.succeeded();
        assertThat(ready(200).path("ready").asBoolean()).isTrue();

        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // telegram quiet 5 min 1 s, VK 1 min 1 s
        JsonNode r = ready(503);
        assertThat(r.path("ready").asBoolean()).isFalse();
        assertThat(r.path("problems").toString()).contains("telegram").doesNotContain("vk");
        assertThat(r.path("channels").path("telegram").path("seconds_since_last_poll").asLong()).isEqualTo(301);

        telegram.succeeded();
        assertThat(ready(200).path("ready").asBoolean()).isTrue();
    }

    @Test
    void aChannelThatNeverPolledCountsFromItsStart() throws Exception {
        clock.advance(Duration.ofMinutes(4));
        JsonNode r = ready(200);
        assertThat(r.path("channels").path("vk").path("polled").asBoolean()).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(ready(503).path("problems")).hasSize(2);
    }

    @Test
    void readyFailsWhenTheDatabaseIsUnreachable() throws Exception {
        telegram.succeeded();
        vk.succeeded();
        store.close();

        JsonNode r = ready(503);
        assertThat(r.path("database").asText()).isEqualTo("unreachable");
        assertThat(r.path("problems").toString()).contains("database");
        assertThat(get("/health").statusCode()).as("alive all the same").isEqualTo(200);
    }

    @Test
    void metricsAreValidPrometheusTextWithEveryWatchedChannelAtZeroFirst() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains(HealthServer.PROMETHEUS_TYPE);
        Map<String, Double> samples = PrometheusText.samples(r.body());
        assertThat(samples).containsEntry("dutydesk_questions_total{channel=\"vk\",decision=\"escalate\"}", 0.0)
                .containsEntry("dutydesk_tickets_opened_total{channel=\"telegram\"}", 0.0)
                .containsEntry("dutydesk_first_response_seconds_bucket{le=\"+Inf\"}", 0.0)
                .containsEntry("dutydesk_poll_failures_total{channel=\"vk\"}", 0.0);
        for (String line : r.body().split("\n")) {
            if (line.startsWith("dutydesk_")) {
                assertThat(r.body()).contains("# HELP " + line.split("[{ ]")[0].replaceAll("_(bucket|sum|count)$", ""));
            }
        }
    }

    @Test
    void pollFailuresAndOutboxRetriesAreCounted() throws Exception {
        telegram.failed();
        telegram.failed();
        vk.failed();
        List<String> passedOn = Collections.synchronizedList(new java.util.ArrayList<>());
        var listener = metrics.deliveries((item, reason) -> passedOn.add("given up: " + reason));
        OutboxItem item = new OutboxItem(7, OutboundMessage.of(new Address(Channel.VK, "42"), "ответ"), 1, T0);
        listener.retrying(item, "timeout");
        listener.retrying(item, "timeout");
        listener.givenUp(item, "VK refused");
        clock.advance(Duration.ofSeconds(42));

        Map<String, Double> samples = PrometheusText.samples(get("/metrics").body());

        assertThat(samples).containsEntry("dutydesk_poll_failures_total{channel=\"telegram\"}", 2.0)
                .containsEntry("dutydesk_poll_failures_total{channel=\"vk\"}", 1.0)
                .containsEntry("dutydesk_outbox_retries_total{channel=\"vk\"}", 2.0)
                .containsEntry("dutydesk_outbox_retries_total{channel=\"telegram\"}", 0.0)
                .containsEntry("dutydesk_outbox_given_up_total{channel=\"vk\"}", 1.0)
                .containsEntry("dutydesk_seconds_since_last_poll{channel=\"vk\"}", 42.0);
        assertThat(passedOn).containsExactly("given up: VK refused");
    }

    @Test
    void listensOn127001Only() {
        // bound to the loopback address, not the wildcard: other hosts cannot reach it (tests talk only to 127.0.0.1)
        InetSocketAddress bound = server.address();
        assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(bound.getAddress().isAnyLocalAddress()).isFalse();
    }

    @Test
    void nothingListensWhenTheConfigHasNoHealthSection() {
        assertThat(HealthServer.startIfConfigured(Optional.empty(), store, Map::of, () -> true, metrics, clock)).isEmpty();
    }

    @Test
    void aPortInUseIsAClearError() {
        assertThatThrownBy(() -> HealthServer.start(server.port(), null, metrics))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("127.0.0.1:" + server.port());
    }
}
