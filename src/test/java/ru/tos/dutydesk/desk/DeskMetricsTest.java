package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.health.DeskMetrics;
import ru.tos.dutydesk.health.HealthServer;
import ru.tos.dutydesk.health.ReadinessProbe;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.testing.PrometheusText;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** The desk's events reach /metrics: what residents and consultants did, counted once, after it was committed. */
class DeskMetricsTest {
    @TempDir
    Path dir;
    private DeskHarness h;
    private DeskMetrics metrics;
    private HealthServer server;

    @BeforeEach
    void start() {
        h = new DeskHarness(dir);
        metrics = new DeskMetrics(h.clock);
        PollStatus telegram = new PollStatus(h.clock);
        metrics.watch(Channel.TELEGRAM, telegram);
        h.desk.onEvents(metrics);
        server = HealthServer.start(0, new ReadinessProbe(h.store, () -> Map.of(Channel.TELEGRAM, telegram),
                () -> true, Duration.ofMinutes(5), h.clock), metrics);
    }

    @AfterEach
    void stop() {
        server.close();
        h.close();
    }

    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusText.samples(r.body());
    }

    @Test
    void questionsTicketsAndTheFirstResponseTimeAreCounted() throws Exception {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.script("про устав и налоги", Decision.SUGGEST, "create-charter", "money-taxes");
        h.says(resident("1"), "как создать тос");
        h.says(resident("2"), "про устав и налоги");
        h.says(resident("3"), "сколько стоит аренда зала"); // escalated by the scripted matcher's default
        h.clock.advance(Duration.ofMinutes(10));
        h.inConsultantsChat(CONSULTANT, "/answer 1 Аренду оплачивает администрация.", null);
        h.clock.advance(Duration.ofMinutes(5));
        h.inConsultantsChat(CONSULTANT, "/answer 1 И ещё: договор на год.", null);

        Map<String, Double> m = scrape();

        assertThat(m).containsEntry("dutydesk_questions_total{channel=\"telegram\",decision=\"answer\"}", 1.0)
                .containsEntry("dutydesk_questions_total{channel=\"telegram\",decision=\"suggest\"}", 1.0)
                .containsEntry("dutydesk_questions_total{channel=\"telegram\",decision=\"escalate\"}", 1.0)
                .containsEntry("dutydesk_tickets_opened_total{channel=\"telegram\"}", 1.0)
                .containsEntry("dutydesk_tickets_answered_total{channel=\"telegram\"}", 1.0)
                .containsEntry("dutydesk_first_response_seconds_count", 1.0)
                .containsEntry("dutydesk_first_response_seconds_sum", 600.0)
                .containsEntry("dutydesk_first_response_seconds_bucket{le=\"300\"}", 0.0)
                .containsEntry("dutydesk_first_response_seconds_bucket{le=\"900\"}", 1.0)
                .containsEntry("dutydesk_first_response_seconds_bucket{le=\"+Inf\"}", 1.0);
    }

    @Test
    void aRedeliveredMessageIsCountedOnce() throws Exception {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        InboundMessage m = h.message(resident("1"), "как создать тос");
        h.desk.handle(m);
        h.desk.handle(m);

        assertThat(scrape()).containsEntry("dutydesk_questions_total{channel=\"telegram\",decision=\"answer\"}", 1.0);
    }

    @Test
    void aMessageThatBreaksTheDeskCountsOnlyWhatTheFallbackDid() throws Exception {
        h.breakMatcherOn("сломанный вопрос");
        h.says(resident("1"), "сломанный вопрос");

        Map<String, Double> m = scrape();
        assertThat(m).containsEntry("dutydesk_tickets_opened_total{channel=\"telegram\"}", 1.0);
        assertThat(m.entrySet()).filteredOn(e -> e.getKey().startsWith("dutydesk_questions_total"))
                .allSatisfy(e -> assertThat(e.getValue()).isZero());
    }
}
