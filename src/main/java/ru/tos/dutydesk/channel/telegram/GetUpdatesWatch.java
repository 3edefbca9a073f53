package ru.tos.dutydesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Interceptor;
import okhttp3.Response;
import ru.tos.dutydesk.channel.PollStatus;
import ru.tos.dutydesk.channel.UrlCredentials;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Reads the getUpdates answers on the poller's HTTP client: the library turns every failed poll into the same
 * exception without its status or body, so a 409 Conflict or a 429 retry_after is only visible here.
 */
final class GetUpdatesWatch implements Interceptor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PEEK_BYTES = 4096;

    private final PollingHealth health;
    private final PollStatus status;

    GetUpdatesWatch(PollingHealth health, PollStatus status) {
        this.health = health;
        this.status = status;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        List<String> segments = chain.request().url().pathSegments();
        if (segments.isEmpty() || !segments.get(segments.size() - 1).equalsIgnoreCase("getUpdates")) {
            return chain.proceed(chain.request());
        }
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            if (!chain.call().isCanceled()) { // cancelled: the channel is closing, no outage
                status.failed();
                health.failed(UrlCredentials.withoutPaths(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            throw e;
        }
        int code = response.code();
        JsonNode body = peek(response);
        if (body != null && body.path("ok").isBoolean() && !body.path("ok").asBoolean() && body.path("error_code").isInt()) {
            code = body.path("error_code").asInt();
        }
        String description = body == null ? response.message() : body.path("description").asText(response.message());
        if (code == 409) {
            health.conflict(description);
        } else if (code == 401) {
            health.unauthorized();
        } else if (code == 429) {
            int after = body == null ? 0 : body.path("parameters").path("retry_after").asInt(0);
            if (after > 0) {
                health.retryAfter(Duration.ofSeconds(after));
            }
            health.failed("429 Too Many Requests");
        } else if (code != 200 || !response.isSuccessful()) {
            health.failed("HTTP " + code + " " + UrlCredentials.withoutPaths(description));
        }
        if (code == 200 && response.isSuccessful()) {
            health.ok();
            status.succeeded();
        } else {
            status.failed();
        }
        return response;
    }

    private static JsonNode peek(Response response) {
        try {
            return JSON.readTree(response.peekBody(PEEK_BYTES).string());
        } catch (IOException | RuntimeException e) {
            // a long successful batch is cut by the peek limit and not JSON here: status alone is enough
            return null;
        }
    }
}
