package ru.tos.dutydesk.channel.max;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ru.tos.dutydesk.testing.UrlForm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback emulator of the parts of the MAX Bot API the channel uses, written from the API's documentation and
 * its official TypeScript client, served by the JDK's HttpServer on 127.0.0.1. It behaves like MAX where it
 * matters: the token only in the {@code Authorization} header (401 otherwise; a token in the URL is recorded as a
 * leak), {@code GET /updates} with {@code marker} (every update before the marker a client sends counts as
 * confirmed; without one, what was never confirmed comes again), {@code timeout}, {@code limit} and {@code types};
 * {@code POST /messages} with the 4000-character limit, HTML checked against the tags MAX knows and inline
 * keyboards of callback buttons; {@code POST /answers}; 403 for a person who stopped the bot; and 429 for a chat
 * sent more than {@link #CHAT_RATE} messages and callback answers within a second. Faults (any status with an optional Retry-After,
 * dropped connections, slow answers) can be injected per path. Tests push updates and read what was sent.
 */
public final class MaxApiEmulator implements AutoCloseable {
    public static final String TOKEN = "max-emulator-token-f00dcafe0123456789";
    public static final long BOT_ID = 880_000_001L;
    public static final String BOT_USERNAME = "tos_desk_bot";
    /** MAX's per-chat limit: 2 sends (or answers) a second. */
    public static final int CHAT_RATE = 2;
    static final int TEXT_LIMIT = 4000;
    /** The dialog of user N is chat DIALOG_BASE + N: in MAX a dialog's chat id is not the user's id. */
    private static final long DIALOG_BASE = 7_000_000_000L;
    private static final Set<String> HTML_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "del", "code", "pre", "a", "br");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");

    /** A message the bot sent. */
    public record Sent(String mid, long chatId, long userId, String text, String format, List<Button> buttons) {
        public List<String> buttonLabels() {
            return buttons.stream().map(Button::text).toList();
        }
    }

    public record Button(String text, String payload) {
    }

    /** A call as it arrived: its path, the chat it was for (or 0), and when, on the test's clock. */
    public record CallRecord(String path, long chatId, long nanoTime) {
    }

    private record Fault(int status, Duration retryAfter, boolean drop, Duration delay) {
    }

    private record Update(long seq, ObjectNode json) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService pool;

    // all state below is guarded by "this"
    private final List<Update> updates = new ArrayList<>();
    private long nextSeq = 1;
    private long confirmedBefore = 1;
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new HashMap<>();
    private final List<CallRecord> callLog = new ArrayList<>();
    private final List<String> polledMarkers = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> tokenLeaks = new ArrayList<>();
    private final Set<Long> stopped = new HashSet<>();
    private final Map<Long, String[]> names = new HashMap<>();
    private final Map<Long, Deque<Long>> recentSends = new HashMap<>();
    private final Map<String, Long> callbackChats = new HashMap<>();
    private long nextMid = 1;
    private long nextCallback = 1;
    private int handedOut;
    private Duration slowAnswers = Duration.ZERO;
    private boolean closed;
    /** The last batch handed out, as the desk keys its updates, and the marker that confirms it. */
    private List<String> lastBatchKeys = List.of();
    private long lastBatchEnd;
    private final Deque<Runnable> beforeSendAnswers = new ArrayDeque<>();
    private final Deque<Runnable> insteadOfPolls = new ArrayDeque<>();

    public MaxApiEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "max-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static long dialogOf(long userId) {
        return DIALOG_BASE + userId;
    }

    // ---- what people do ---------------------------------------------------------------------------------

    public synchronized void setUserName(long userId, String first, String last) {
        names.put(userId, new String[]{first, last});
    }

    /** A person writes to the bot in their dialog; returns the message's mid. */
    public synchronized String pushMessage(long userId, String text) {
        String mid = "mid.in." + nextMid++;
        ObjectNode u = update("message_created");
        ObjectNode m = u.putObject("message");
        m.set("sender", user(userId));
        m.putObject("recipient").put("chat_id", dialogOf(userId)).put("chat_type", "dialog").put("user_id", BOT_ID);
        m.put("timestamp", System.currentTimeMillis());
        m.putObject("body").put("mid", mid).put("seq", nextSeq).put("text", text).putNull("attachments");
        add(u);
        return mid;
    }

    /** A message in a group chat the bot is a member of. */
    public synchronized void pushGroupMessage(long chatId, long userId, String text) {
        ObjectNode u = update("message_created");
        ObjectNode m = u.putObject("message");
        m.set("sender", user(userId));
        m.putObject("recipient").put("chat_id", chatId).put("chat_type", "chat");
        m.put("timestamp", System.currentTimeMillis());
        m.putObject("body").put("mid", "mid.in." + nextMid++).put("seq", nextSeq).put("text", text);
        add(u);
    }

    /** The person presses «Начать» in a new dialog with the bot. */
    public synchronized void pushBotStarted(long userId) {
        ObjectNode u = update("bot_started");
        u.put("chat_id", dialogOf(userId));
        u.set("user", user(userId));
        add(u);
    }

    /** The person presses button {@code index} under {@code message}; returns the callback id. */
    public synchronized String pressButton(long userId, Sent message, int index) {
        String callbackId = "cb." + nextCallback++;
        callbackChats.put(callbackId, message.chatId());
        ObjectNode u = update("message_callback");
        ObjectNode cb = u.putObject("callback");
        cb.put("timestamp", System.currentTimeMillis());
        cb.put("callback_id", callbackId);
        cb.put("payload", message.buttons().get(index).payload());
        cb.set("user", user(userId));
        ObjectNode m = u.putObject("message");
        m.putObject("recipient").put("chat_id", message.chatId()).put("chat_type", "dialog");
        m.putObject("body").put("mid", message.mid()).put("text", message.text());
        add(u);
        return callbackId;
    }

    /** The person stops the bot: sends to them are refused with 403 from now on. */
    public synchronized void stopBot(long userId) {
        stopped.add(dialogOf(userId));
    }

    private ObjectNode update(String type) {
        ObjectNode u = json.createObjectNode();
        u.put("update_type", type);
        u.put("timestamp", System.currentTimeMillis());
        return u;
    }

    private ObjectNode user(long userId) {
        String[] n = names.getOrDefault(userId, new String[]{"Житель" + userId, ""});
        ObjectNode user = json.createObjectNode();
        user.put("user_id", userId).put("first_name", n[0]).put("last_name", n[1]).put("name", (n[0] + " " + n[1]).strip())
                .putNull("username").put("is_bot", false).put("last_activity_time", System.currentTimeMillis());
        return user;
    }

    private void add(ObjectNode u) {
        updates.add(new Update(nextSeq++, u));
        notifyAll();
    }

    // ---- faults -----------------------------------------------------------------------------------------

    /** The next {@code times} calls to {@code path} ("/messages", "/updates", …) answer {@code status}. */
    public synchronized void failNext(String path, int status, int times) {
        queue(path, new Fault(status, null, false, Duration.ZERO), times);
    }

    /** The next {@code times} calls to {@code path} answer 429 with {@code Retry-After: seconds}. */
    public synchronized void tooManyNext(String path, int retryAfterSeconds, int times) {
        queue(path, new Fault(429, Duration.ofSeconds(retryAfterSeconds), false, Duration.ZERO), times);
    }

    public synchronized void dropNext(String path, int times) {
        queue(path, new Fault(0, null, true, Duration.ZERO), times);
    }

    public synchronized void delayNext(String path, Duration delay, int times) {
        queue(path, new Fault(0, null, false, delay), times);
    }

    /** Every answer from now on comes this much later. */
    public synchronized void slowAnswers(Duration delay) {
        slowAnswers = delay;
    }

    private void queue(String path, Fault f, int times) {
        Deque<Fault> q = faults.computeIfAbsent(path, p -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(f);
        }
    }

    /** The next POST /messages is done (the message is in the chat), then {@code action} runs before the answer. */
    public synchronized void beforeNextSendAnswer(Runnable action) {
        beforeSendAnswers.add(action);
    }

    /** {@code action} runs instead of the next GET /updates, which is then dropped undone: nothing is confirmed. */
    public synchronized void insteadOfNextPoll(Runnable action) {
        insteadOfPolls.add(action);
    }

    // ---- what the tests read ----------------------------------------------------------------------------

    /**
     * The update keys (as the desk records them) of the last batch handed out while no poll has confirmed it yet:
     * {@code max:<mid>}, {@code max:cb:<callback_id>}, {@code max:start:<chat>:<time>}.
     */
    public synchronized List<String> updatesInFlight() {
        return confirmedBefore >= lastBatchEnd ? List.of() : lastBatchKeys;
    }

    public synchronized List<Sent> sentTo(long userId) {
        long chat = dialogOf(userId);
        return sent.stream().filter(s -> s.chatId() == chat).toList();
    }

    public synchronized List<Sent> awaitSent(long userId, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sentTo(userId).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " messages to " + userId + ", got " + sentTo(userId));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return sentTo(userId);
    }

    public synchronized List<String> answers() {
        return List.copyOf(answers);
    }

    public synchronized void awaitAnswers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answers.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " callback answers, got " + answers);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public synchronized int calls(String path) {
        AtomicInteger n = calls.get(path);
        return n == null ? 0 : n.get();
    }

    public synchronized List<CallRecord> callLog() {
        return List.copyOf(callLog);
    }

    /** The marker of each GET /updates, "-" when none was sent. */
    public synchronized List<String> polledMarkers() {
        return List.copyOf(polledMarkers);
    }

    /** The marker the next update will be after: what a client that handled everything would send. */
    public synchronized long nextMarker() {
        return nextSeq;
    }

    /** Updates handed out in all, repeats counted again. */
    public synchronized int updatesHandedOut() {
        return handedOut;
    }

    /** Calls the emulator refused on its own (not injected faults): what MAX would have refused. */
    public synchronized List<String> refusedCalls() {
        return List.copyOf(refused);
    }

    /** Requests that carried the token in their URL. */
    public synchronized List<String> tokenLeaks() {
        return List.copyOf(tokenLeaks);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.stop(0);
        pool.shutdownNow();
    }

    // ---- HTTP -------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = UrlForm.decode(rawQuery == null ? "" : rawQuery);
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Fault fault = take(path, query);
        if (fault != null && fault.drop()) {
            throw new IOException("connection dropped on purpose"); // HttpServer closes the connection
        }
        sleep(fault != null ? fault.delay() : Duration.ZERO);
        sleep(currentSlowness());
        if (fault != null && fault.status() != 0) {
            if (fault.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
            }
            respond(exchange, fault.status(), error(fault.status() == 429 ? "too.many.requests" : "internal.error",
                    fault.status() == 429 ? "Too many requests" : "Service unavailable"));
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (query.containsValue(TOKEN) || (rawQuery != null && rawQuery.contains(TOKEN)) || path.contains(TOKEN)) {
            recordLeak(exchange.getRequestMethod() + " " + path);
        }
        if (!TOKEN.equals(auth)) {
            refuse(path + ": 401");
            respond(exchange, 401, error("verify.token", "Invalid access_token"));
            return;
        }
        if (path.equals("/updates")) {
            Runnable instead = takeInsteadOfPoll();
            if (instead != null) {
                instead.run();
                throw new IOException("poll dropped on purpose after the hook");
            }
        }
        try {
            String route = exchange.getRequestMethod() + " " + path;
            switch (route) {
                case "GET /me" -> respond(exchange, 200, me());
                case "GET /updates" -> respond(exchange, 200, updates(query));
                case "POST /messages" -> send(exchange, query, json.readTree(body));
                case "POST /answers" -> respond(exchange, 200, answer(query));
                default -> respond(exchange, 404, error("not.found", "Path " + path + " is not recognized"));
            }
        } catch (Refused r) {
            refuse(path + ": " + r.status + " " + r.getMessage());
            respond(exchange, r.status, error(r.code, r.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Fault take(String path, Map<String, String> query) {
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        long chat = parseLong(query.get("chat_id"));
        callLog.add(new CallRecord(path, chat, System.nanoTime()));
        Deque<Fault> q = faults.get(path);
        return q == null ? null : q.poll();
    }

    private synchronized Runnable takeInsteadOfPoll() {
        return insteadOfPolls.poll();
    }

    private synchronized Runnable takeBeforeSendAnswer() {
        return beforeSendAnswers.poll();
    }

    private synchronized Duration currentSlowness() {
        return slowAnswers;
    }

    private synchronized void refuse(String what) {
        refused.add(what);
    }

    private synchronized void recordLeak(String what) {
        tokenLeaks.add(what);
    }

    private ObjectNode me() {
        ObjectNode me = json.createObjectNode();
        me.put("user_id", BOT_ID).put("first_name", "Дежурная ТОС").put("name", "Дежурная ТОС")
                .put("username", BOT_USERNAME).put("is_bot", true).put("last_activity_time", System.currentTimeMillis());
        return me;
    }

    /** Long polling: waits up to {@code timeout} seconds for an update of the asked types after the marker. */
    private synchronized ObjectNode updates(Map<String, String> query) throws InterruptedException, Refused {
        String markerText = query.get("marker");
        polledMarkers.add(markerText == null ? "-" : markerText);
        notifyAll();
        long from;
        if (markerText != null) {
            from = parseLong(markerText);
            if (from <= 0) {
                throw new Refused(400, "proto.payload", "marker: not a number");
            }
            confirmedBefore = Math.max(confirmedBefore, Math.min(from, nextSeq));
        } else {
            from = confirmedBefore;
        }
        int limit = query.containsKey("limit") ? (int) parseLong(query.get("limit")) : 100;
        long timeout = query.containsKey("timeout") ? parseLong(query.get("timeout")) : 30;
        if (limit < 1 || limit > 1000 || timeout < 0 || timeout > 90) {
            throw new Refused(400, "proto.payload", "limit must be 1..1000 and timeout 0..90");
        }
        Set<String> types = query.containsKey("types") && !query.get("types").isBlank()
                ? Set.of(query.get("types").split(",")) : Set.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        List<Update> batch = batch(from, limit, types);
        while (batch.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
            batch = batch(from, limit, types);
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode list = answer.putArray("updates");
        batch.forEach(u -> list.add(u.json()));
        handedOut += batch.size();
        if (!batch.isEmpty()) {
            lastBatchKeys = batch.stream().map(u -> key(u.json())).toList();
            lastBatchEnd = batch.get(batch.size() - 1).seq() + 1;
        }
        // past the last update handed out; with none, past everything there is (other types are passed over)
        answer.put("marker", batch.isEmpty() ? Math.max(from, nextSeq) : batch.get(batch.size() - 1).seq() + 1);
        return answer;
    }

    private static String key(JsonNode u) {
        return switch (u.path("update_type").asText()) {
            case "message_created" -> "max:" + u.path("message").path("body").path("mid").asText();
            case "message_callback" -> "max:cb:" + u.path("callback").path("callback_id").asText();
            case "bot_started" -> "max:start:" + u.path("chat_id").asText() + ":" + u.path("timestamp").asText();
            default -> "max:?";
        };
    }

    /** Updates of the asked types from seq {@code from} on; those of other types are passed over as MAX does. */
    private List<Update> batch(long from, int limit, Set<String> types) {
        List<Update> out = new ArrayList<>();
        for (Update u : updates) {
            if (u.seq() >= from && (types.isEmpty() || types.contains(u.json().path("update_type").asText()))) {
                out.add(u);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    private void send(HttpExchange exchange, Map<String, String> query, JsonNode body) throws IOException, Refused {
        ObjectNode answer;
        synchronized (this) {
            long chatId = parseLong(query.get("chat_id"));
            long userId = parseLong(query.get("user_id"));
            if (chatId == 0 && userId == 0) {
                throw new Refused(400, "proto.payload", "chat_id or user_id is required");
            }
            if (chatId == 0) {
                chatId = dialogOf(userId);
            }
            if (stopped.contains(chatId)) {
                throw new Refused(403, "chat.denied", "error.dialog.suspended");
            }
            if (overChatRate(chatId)) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                throw new Refused(429, "too.many.requests", "Too many requests to this chat");
            }
            String text = body.path("text").asText("");
            String format = body.hasNonNull("format") ? body.path("format").asText() : null;
            if (text.length() > TEXT_LIMIT) {
                throw new Refused(400, "proto.payload", "text: size must be between 0 and " + TEXT_LIMIT);
            }
            if (format != null && !format.equals("html") && !format.equals("markdown")) {
                throw new Refused(400, "proto.payload", "format: unknown " + format);
            }
            if ("html".equals(format)) {
                checkHtml(text);
            }
            List<Button> buttons = buttons(body.path("attachments"));
            String mid = "mid.out." + nextMid++;
            sent.add(new Sent(mid, chatId, userId, "html".equals(format) ? visible(text) : text, format, buttons));
            answer = json.createObjectNode();
            ObjectNode m = answer.putObject("message");
            m.putObject("sender").put("user_id", BOT_ID).put("is_bot", true).put("first_name", "Дежурная ТОС");
            m.putObject("recipient").put("chat_id", chatId).put("chat_type", "dialog");
            m.put("timestamp", System.currentTimeMillis());
            ObjectNode b = m.putObject("body");
            b.put("mid", mid).put("seq", nextMid).put("text", text);
            if (body.has("attachments")) {
                b.set("attachments", body.path("attachments"));
            }
            notifyAll();
        }
        Runnable hook = takeBeforeSendAnswer();
        if (hook != null) {
            hook.run();
        }
        respond(exchange, 200, answer);
    }

    /** MAX's own limit: a chat sent more than CHAT_RATE messages within the last second is refused. */
    private boolean overChatRate(long chatId) {
        long now = System.nanoTime();
        Deque<Long> recent = recentSends.computeIfAbsent(chatId, c -> new ArrayDeque<>());
        while (!recent.isEmpty() && now - recent.peekFirst() >= 1_000_000_000L) {
            recent.pollFirst();
        }
        if (recent.size() >= CHAT_RATE) {
            return true;
        }
        recent.addLast(now);
        return false;
    }

    private static void checkHtml(String text) throws Refused {
        Matcher m = TAG.matcher(text);
        Deque<String> open = new ArrayDeque<>();
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            if (!HTML_TAGS.contains(name)) {
                throw new Refused(400, "proto.payload", "text: unsupported html tag <" + name + ">");
            }
            if (name.equals("br")) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else if (open.isEmpty() || !open.pop().equals(name)) {
                throw new Refused(400, "proto.payload", "text: unbalanced html tag </" + name + ">");
            }
        }
        if (!open.isEmpty()) {
            throw new Refused(400, "proto.payload", "text: unclosed html tag <" + open.peek() + ">");
        }
    }

    /** The text as a person sees it: tags gone, entities decoded. */
    static String visible(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    private static List<Button> buttons(JsonNode attachments) throws Refused {
        List<Button> out = new ArrayList<>();
        if (!attachments.isArray()) {
            return out;
        }
        for (JsonNode a : attachments) {
            if (!"inline_keyboard".equals(a.path("type").asText())) {
                throw new Refused(400, "proto.payload", "attachments: unsupported type " + a.path("type").asText());
            }
            for (JsonNode row : a.path("payload").path("buttons")) {
                if (row.size() > 7) {
                    throw new Refused(400, "proto.payload", "keyboard: more than 7 buttons in a row");
                }
                for (JsonNode b : row) {
                    String text = b.path("text").asText("");
                    String payload = b.path("payload").asText("");
                    if (!"callback".equals(b.path("type").asText()) || text.isEmpty() || text.length() > 128
                            || payload.isEmpty() || payload.length() > 1024) {
                        throw new Refused(400, "proto.payload", "keyboard: bad callback button " + b);
                    }
                    out.add(new Button(text, payload));
                }
            }
        }
        return out;
    }

    /** An answer counts against the chat's limit like a message (MAX: 2 operations a second per chat). */
    private synchronized ObjectNode answer(Map<String, String> query) throws Refused {
        String id = query.get("callback_id");
        if (id == null || id.isBlank()) {
            throw new Refused(400, "proto.payload", "callback_id is required");
        }
        Long chat = callbackChats.get(id);
        if (chat != null && overChatRate(chat)) {
            throw new Refused(429, "too.many.requests", "Too many requests to this chat");
        }
        answers.add(id);
        notifyAll();
        return json.createObjectNode().put("success", true);
    }

    private ObjectNode error(String code, String message) {
        return json.createObjectNode().put("code", code).put("message", message);
    }

    private void respond(HttpExchange exchange, int status, ObjectNode answer) throws IOException {
        byte[] bytes = json.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static long parseLong(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request MAX refuses: its status, code and message. */
    private static final class Refused extends Exception {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
