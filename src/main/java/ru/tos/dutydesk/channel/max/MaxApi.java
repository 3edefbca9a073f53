package ru.tos.dutydesk.channel.max;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The thin MAX Bot API client: the four calls the channel makes, on {@code java.net.http} and Jackson. The token
 * travels only in the {@code Authorization} header, never in a URL, so no URL, log line or exception message can
 * show it. Every failure is a {@link MaxCallException}.
 */
final class MaxApi {
    /** Long polls get this much longer than the timeout they ask MAX for before they count as hung. */
    private static final Duration POLL_GRACE = Duration.ofSeconds(15);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** GET /me: who the token belongs to. */
    record BotInfo(long userId, String name, String username) {
    }

    /** One GET /updates answer: the updates, and the marker to ask from next (null when MAX gave none). */
    record UpdatesPage(List<JsonNode> updates, Long marker) {
    }

    /** Where a message goes: a chat (POST /messages?chat_id=) or, without a known chat, a user (?user_id=). */
    record Recipient(String param, long id) {
        static Recipient chat(long chatId) {
            return new Recipient("chat_id", chatId);
        }

        static Recipient user(long userId) {
            return new Recipient("user_id", userId);
        }
    }

    private final String baseUrl;
    private final String token;
    private final Duration callTimeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    MaxApi(MaxSettings settings, Duration callTimeout, ObjectMapper json) {
        this.baseUrl = settings.apiUrl();
        this.token = settings.token();
        this.callTimeout = callTimeout;
        this.json = json;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER); // a redirect must not carry the token elsewhere
        b.sslContext(MaxTrust.context(settings.caFile()));
        this.http = b.build();
    }

    BotInfo me() throws MaxCallException {
        JsonNode me = call(get("/me", Map.of(), callTimeout));
        long id = me.path("user_id").asLong(0);
        if (id == 0) {
            throw MaxCallException.protocol("GET /me: no user_id in the answer");
        }
        String name = me.path("first_name").asText(me.path("name").asText(""));
        return new BotInfo(id, name, me.path("username").asText(""));
    }

    UpdatesPage updates(Long marker, int timeoutSeconds, int limit, List<String> types) throws MaxCallException {
        Map<String, String> query = new LinkedHashMap<>();
        if (marker != null) {
            query.put("marker", Long.toString(marker));
        }
        query.put("timeout", Integer.toString(timeoutSeconds));
        query.put("limit", Integer.toString(limit));
        query.put("types", String.join(",", types));
        JsonNode page = call(get("/updates", query, Duration.ofSeconds(timeoutSeconds).plus(POLL_GRACE)));
        JsonNode updates = page.path("updates");
        if (!updates.isArray()) {
            throw MaxCallException.protocol("GET /updates: no updates array in the answer");
        }
        List<JsonNode> list = new ArrayList<>(updates.size());
        updates.forEach(list::add);
        JsonNode m = page.path("marker");
        return new UpdatesPage(list, m.canConvertToLong() && !m.isNull() ? m.asLong() : null);
    }

    /** POST /messages; returns the new message's id ({@code mid}). */
    String send(Recipient to, ObjectNode body) throws MaxCallException {
        Map<String, String> query = Map.of(to.param(), Long.toString(to.id()), "disable_link_preview", "true");
        JsonNode answer = call(post("/messages", query, body));
        String mid = answer.path("message").path("body").path("mid").asText("");
        if (mid.isEmpty()) {
            throw MaxCallException.protocol("POST /messages: no message id in the answer");
        }
        return mid;
    }

    /** POST /answers: stops the spinner on the pressed button; nothing is shown to the person. */
    void answer(String callbackId) throws MaxCallException {
        JsonNode answer = call(post("/answers", Map.of("callback_id", callbackId), json.createObjectNode()));
        if (answer.has("success") && !answer.path("success").asBoolean()) {
            throw MaxCallException.api(200, null, answer.path("message").asText("success: false"), null);
        }
    }

    /** Aborts the calls in flight (a waiting long poll, above all) and refuses new ones. */
    void shutdown() {
        closed = true;
        inFlight.forEach(f -> f.cancel(true));
    }

    private HttpRequest get(String path, Map<String, String> query, Duration timeout) {
        return request(path, query, timeout).GET().build();
    }

    private HttpRequest post(String path, Map<String, String> query, JsonNode body) {
        return request(path, query, callTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    private HttpRequest.Builder request(String path, Map<String, String> query, Duration timeout) {
        String q = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(baseUrl + path + (q.isEmpty() ? "" : "?" + q)))
                .timeout(timeout)
                .header("Authorization", token)
                .header("Accept", "application/json");
    }

    private JsonNode call(HttpRequest request) throws MaxCallException {
        String what = request.method() + " " + request.uri().getPath();
        if (closed) {
            throw MaxCallException.io(what + ": the client is shut down", null);
        }
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        inFlight.add(future);
        HttpResponse<String> response;
        try {
            if (closed) {
                future.cancel(true);
            }
            response = future.get();
        } catch (CancellationException e) {
            throw MaxCallException.io(what + ": aborted", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw MaxCallException.io(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw MaxCallException.io(what + ": " + describe(e.getCause()), e.getCause());
        } finally {
            inFlight.remove(future);
        }
        return read(what, response);
    }

    private JsonNode read(String what, HttpResponse<String> response) throws MaxCallException {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200) {
            if (body == null || !body.isObject()) {
                throw MaxCallException.protocol(what + ": the answer is not a JSON object");
            }
            return body;
        }
        String code = body == null ? null : textOrNull(body.path("code"));
        String message = body == null ? null : textOrNull(body.path("message"));
        if (message == null) {
            message = firstLine(response.body());
        }
        throw MaxCallException.api(status, code, message, retryAfter(response));
    }

    /** Retry-After in seconds, as HTTP has it; a date or nonsense is ignored (the backoff applies). */
    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.get().strip());
            return seconds >= 0 ? Duration.ofSeconds(Math.min(seconds, 3600)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null; // a proxy's HTML error page, say
        }
    }

    private static String textOrNull(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** What went wrong on the way, in a few words; a TLS failure says so, since its usual cause is the missing CA. */
    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        if (t instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return "TLS failed (" + c.getClass().getSimpleName() + "): " + firstLine(String.valueOf(c.getMessage()));
            }
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    /** True when the failure was TLS: the host's certificate chain is not trusted (max.ca-file missing or wrong). */
    static boolean isTls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }
}
