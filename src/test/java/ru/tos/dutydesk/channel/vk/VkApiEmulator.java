package ru.tos.dutydesk.channel.vk;

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

/**
 * A loopback emulator of the parts of the VK API the channel uses, served by the JDK's HttpServer on 127.0.0.1.
 * It behaves like VK where it matters: form-encoded POST bodies, groups.getLongPollServer with a key, the Bots Long
 * Poll {@code a_check} with ts and wait, {@code failed} 1/2/3, messages.send with random_id deduplication, the 9000
 * character limit (914) and error 901 for people who did not allow messages; errors, dropped connections and slow
 * answers can be injected. Tests push events and read what was sent.
 */
public final class VkApiEmulator implements AutoCloseable {
    public static final String TOKEN = "vk1.a.emulatorCommunityToken0123456789abcdef";
    public static final long GROUP_ID = 227_000_001L;
    private static final int MAX_MESSAGE = 9000;
    private final List<String> refused = new ArrayList<>();
    private static final long FIRST_TS = 1000;

    /** A message the community sent. */
    public record Sent(long id, long peerId, String text, long randomId, String keyboard) {
        /** The labels of the inline keyboard's buttons, in order. */
        public List<String> buttonLabels() {
            List<String> labels = new ArrayList<>();
            buttons().forEach(b -> labels.add(b.path("action").path("label").asText()));
            return labels;
        }

        List<JsonNode> buttons() {
            List<JsonNode> out = new ArrayList<>();
            if (keyboard == null) {
                return out;
            }
            try {
                new ObjectMapper().readTree(keyboard).path("buttons").forEach(row -> row.forEach(out::add));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }
    }

    public record EventAnswer(String eventId, long userId, long peerId) {
    }

    private record Injected(int errorCode, boolean drop, Duration delay, int httpStatus) {
        Injected(int errorCode, boolean drop, Duration delay) {
            this(errorCode, drop, delay, 0);
        }
    }

    /** A method call as it arrived: the method, its peer_id (or 0), and when, on the test's clock. */
    public record CallRecord(String method, long peerId, long nanoTime) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private final long groupId;
    private final HttpServer server;
    private final ExecutorService pool;

    // all state below is guarded by "this"
    private final List<ObjectNode> events = new ArrayList<>();
    private long firstRetainedTs = FIRST_TS;
    private String key = "key-1";
    private int keyNumber = 1;
    private boolean keyExpired;
    private boolean informationLost;
    private final Deque<Integer> pollFailures = new ArrayDeque<>();
    private final Map<String, Deque<Injected>> injected = new HashMap<>();
    private final Map<String, Deque<Injected>> injectedForPeer = new HashMap<>();
    private final List<CallRecord> callLog = new ArrayList<>();
    private Duration slowAnswers = Duration.ZERO;
    private final Map<Long, List<Sent>> sent = new HashMap<>();
    private final Map<String, Sent> byRandomId = new HashMap<>();
    private final Set<Long> forbidden = new HashSet<>();
    private final Map<Long, String> names = new HashMap<>();
    private final List<EventAnswer> answers = new ArrayList<>();
    private final Map<String, AtomicInteger> calls = new HashMap<>();
    private final List<String> polledTs = new ArrayList<>();
    private final Deque<Runnable> beforeSendAnswers = new ArrayDeque<>();
    private final Deque<Runnable> insteadOfPolls = new ArrayDeque<>();
    private List<String> inFlight = List.of();
    private int handedOut;
    private int repeatsDropped;
    private long nextMessageId = 500;
    private long nextEventNumber = 1;
    private boolean closed;
    private boolean messagesEnabled = true;
    private boolean longPollEnabled = true;
    private String longPollVersion = "5.199";
    private Set<String> longPollEvents = Set.of("message_new", "message_event", "message_allow", "message_deny");

    public VkApiEmulator() throws IOException {
        this(TOKEN, GROUP_ID);
    }

    public VkApiEmulator(String token, long groupId) throws IOException {
        this(token, groupId, 0);
    }

    /** On a fixed loopback port (0: any free one), for the standalone {@code EmulatorMain}. */
    public VkApiEmulator(String token, long groupId, int port) throws IOException {
        this.token = token;
        this.groupId = groupId;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vk-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/method/", this::method);
        server.createContext("/lp", this::longPoll);
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/method/";
    }

    public String longPollUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/lp";
    }

    // ---- events -------------------------------------------------------------------------------------------

    /** A resident writes to the community in a private chat. Returns the event's ts number. */
    public long pushMessage(long userId, String text) {
        return pushMessage(userId, userId, text, false);
    }

    public synchronized long pushMessage(long peerId, long fromId, String text, boolean photo) {
        ObjectNode message = json.createObjectNode();
        message.put("date", System.currentTimeMillis() / 1000);
        message.put("from_id", fromId);
        message.put("id", nextMessageId++);
        message.put("out", 0);
        message.put("peer_id", peerId);
        message.put("text", text == null ? "" : text);
        message.put("conversation_message_id", nextMessageId);
        ArrayNode attachments = message.putArray("attachments");
        if (photo) {
            attachments.addObject().put("type", "photo").putObject("photo").put("id", 1).put("owner_id", fromId);
        }
        message.putArray("fwd_messages");
        message.put("important", false);
        message.put("is_hidden", false);
        ObjectNode object = json.createObjectNode();
        object.set("message", message);
        ObjectNode info = object.putObject("client_info");
        info.putArray("button_actions").add("text").add("callback").add("open_link");
        info.put("keyboard", true).put("inline_keyboard", true).put("lang_id", 0);
        return push("message_new", object);
    }

    /** A resident taps button {@code index} of a message the community sent them, as VK reports it. */
    public synchronized String tapButton(long userId, Sent message, int index) {
        JsonNode button = message.buttons().get(index);
        String eventId = "cb" + Long.toHexString(nextEventNumber * 7919 + 13);
        ObjectNode object = json.createObjectNode();
        object.put("user_id", userId);
        object.put("peer_id", message.peerId());
        object.put("event_id", eventId);
        try {
            object.set("payload", json.readTree(button.path("action").path("payload").asText()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        object.put("conversation_message_id", message.id());
        push("message_event", object);
        return eventId;
    }

    /** Any event, for types the channel should skip. */
    public synchronized long pushRaw(String type, ObjectNode object) {
        return push(type, object);
    }

    private long push(String type, ObjectNode object) {
        ObjectNode event = json.createObjectNode();
        event.put("group_id", groupId);
        event.put("type", type);
        event.put("event_id", String.format("%040x", nextEventNumber++ * 104_729L));
        event.put("v", "5.199");
        event.set("object", object);
        events.add(event);
        notifyAll();
        return FIRST_TS + events.size() - 1;
    }

    // ---- failures ---------------------------------------------------------------------------------------

    /** The next a_check answers {@code {"failed":code}}; for 1 with the ts that was asked for. */
    public synchronized void failNextPoll(int code) {
        pollFailures.add(code);
    }

    /** The current key stops working (failed 2) until groups.getLongPollServer hands out a new one. */
    public synchronized void expireKey() {
        keyExpired = true;
        notifyAll();
    }

    /** The server lost the key's information (failed 3): a new key and ts are needed. */
    public synchronized void loseInformation() {
        informationLost = true;
        notifyAll();
    }

    /** Events before {@code ts} are gone; asking for them gives failed 1 with the oldest ts still kept. */
    public synchronized void forgetHistoryBefore(long ts) {
        firstRetainedTs = ts;
    }

    /**
     * The next {@code times} calls of {@code method} ("messages.send", "users.get", ...) fail with VK error
     * {@code code}. For "a_check" (the long-poll server has no API errors) they get an HTTP 500 page instead.
     */
    public synchronized void failNext(String method, int code, int times) {
        for (int i = 0; i < times; i++) {
            injected.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Injected(code, false, Duration.ZERO));
        }
    }

    /** The failures still waiting for calls of {@code method} are dropped: VK works again. */
    public synchronized void clearFailures(String method) {
        injected.remove(method);
    }

    /** The next {@code times} calls of {@code method} for one peer fail with VK error {@code code}; others go on. */
    public synchronized void failNextFor(String method, long peerId, int code, int times) {
        for (int i = 0; i < times; i++) {
            injectedForPeer.computeIfAbsent(method + "/" + peerId, m -> new ArrayDeque<>()).add(new Injected(code, false, Duration.ZERO));
        }
    }

    /** The next {@code times} calls of {@code method} for one peer are answered (normally) after {@code delay}. */
    public synchronized void delayNextFor(String method, long peerId, Duration delay, int times) {
        for (int i = 0; i < times; i++) {
            injectedForPeer.computeIfAbsent(method + "/" + peerId, m -> new ArrayDeque<>()).add(new Injected(0, false, delay));
        }
    }

    /** The next {@code times} calls of {@code method} get an HTTP error page with this status, as a broken proxy gives. */
    public synchronized void httpErrorNext(String method, int status, int times) {
        for (int i = 0; i < times; i++) {
            injected.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Injected(0, false, Duration.ZERO, status));
        }
    }

    /** Every API method call so far (long polls not included), in the order they arrived. */
    public synchronized List<CallRecord> callLog() {
        return List.copyOf(callLog);
    }

    /** The next {@code times} calls of {@code method} lose their connection without an answer. */
    public synchronized void dropNext(String method, int times) {
        for (int i = 0; i < times; i++) {
            injected.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Injected(0, true, Duration.ZERO));
        }
    }

    /** The next {@code times} calls of {@code method} are answered (normally) after {@code delay}. */
    public synchronized void delayNext(String method, Duration delay, int times) {
        for (int i = 0; i < times; i++) {
            injected.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Injected(0, false, delay));
        }
    }

    /** Every API method answers this late (long polls are not delayed beyond their wait). */
    public synchronized void slowAnswers(Duration delay) {
        slowAnswers = delay;
    }

    /**
     * The next messages.send is done as usual, but {@code action} runs after VK stored the message and before the
     * community hears the answer: the moment a crash leaves the sender not knowing its message arrived.
     */
    public synchronized void beforeNextSendAnswer(Runnable action) {
        beforeSendAnswers.add(action);
    }

    /** This person has not allowed messages from the community: messages.send gives 901. */
    /**
     * {@code action} runs instead of the next a_check, which is then dropped unanswered: the moment a bot has
     * handled the batch it holds and asks for the next one, which would tell VK the batch is done.
     */
    public synchronized void insteadOfNextPoll(Runnable action) {
        insteadOfPolls.add(action);
    }

    /** The community's «Сообщения сообщества» switch, as groups.getById's can_message reports it. */
    public synchronized void setCommunityMessages(boolean enabled) {
        messagesEnabled = enabled;
    }

    /** The community's Bots Long Poll settings, as groups.getLongPollSettings reports them. */
    public synchronized void setLongPollSettings(boolean enabled, String apiVersion, String... events) {
        longPollEnabled = enabled;
        longPollVersion = apiVersion;
        longPollEvents = Set.of(events);
    }

    public synchronized void forbidMessages(long peerId) {
        forbidden.add(peerId);
    }

    public synchronized void setUserName(long userId, String first, String last) {
        names.put(userId, first + "\u0000" + last);
    }

    // ---- observations -----------------------------------------------------------------------------------

    public synchronized List<Sent> sentTo(long peerId) {
        return List.copyOf(sent.getOrDefault(peerId, List.of()));
    }

    public synchronized List<Sent> allSent() {
        List<Sent> all = new ArrayList<>();
        sent.values().forEach(all::addAll);
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        return all;
    }

    public synchronized List<EventAnswer> eventAnswers() {
        return List.copyOf(answers);
    }

    /** How many requests reached {@code method}, injected failures included. */
    public synchronized int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    /** The ts of every a_check, in order. */
    public synchronized List<String> polledTs() {
        return List.copyOf(polledTs);
    }

    /**
     * The update keys ("vk:" + event_id, as the desk records them) of the events the community holds right now:
     * handed out by the latest a_check and not yet followed by another.
     */
    public synchronized List<String> eventsInFlight() {
        return inFlight;
    }

    /** Events handed out by a_check in all, repeats counted again. */
    public synchronized int eventsHandedOut() {
        return handedOut;
    }

    /** Sends that were not delivered because their random_id had been delivered already. */
    public synchronized int repeatsDropped() {
        return repeatsDropped;
    }

    /** The ts a new event would get. */
    public synchronized long nextTs() {
        return FIRST_TS + events.size();
    }

    /** Waits until {@code peerId} has at least {@code count} messages; returns them. */
    public synchronized List<Sent> awaitSent(long peerId, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sent.getOrDefault(peerId, List.of()).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("peer " + peerId + " got " + sent.getOrDefault(peerId, List.of()).size()
                        + " messages, expected " + count + ": " + sent.getOrDefault(peerId, List.of()));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(sent.get(peerId));
    }

    public synchronized void awaitEventAnswers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answers.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " event answers, got " + answers);
            }
            wait(Math.max(1, left / 1_000_000));
        }
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

    private void method(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/method/".length());
        Map<String, String> params = form(exchange);
        Injected fault = take(name, params.get("peer_id"));
        if (fault != null && fault.drop()) {
            drop(exchange);
        }
        sleep(fault != null ? fault.delay() : Duration.ZERO);
        sleep(currentSlowness());
        if (fault != null && fault.httpStatus() != 0) {
            serverError(exchange, fault.httpStatus());
            return;
        }
        ObjectNode answer;
        if (fault != null && fault.errorCode() != 0) {
            answer = error(fault.errorCode(), describe(fault.errorCode()), name);
        } else if (!token.equals(params.get("access_token"))) {
            answer = error(5, "User authorization failed: invalid access_token", name);
        } else if (params.get("v") == null) {
            answer = error(8, "Invalid request: v (version) is required", name);
        } else {
            answer = switch (name) {
                case "groups.getLongPollServer" -> longPollServer(params);
                case "messages.send" -> sendThenHook(params);
                case "messages.sendMessageEventAnswer" -> eventAnswer(params);
                case "users.get" -> users(params);
                case "groups.getById" -> groupById(params);
                case "groups.getLongPollSettings" -> longPollSettings(params);
                default -> error(3, "Unknown method passed", name);
            };
        }
        if (fault == null && answer.has("error")) {
            recordRefusal(name + ": " + answer.path("error").path("error_code").asInt() + " "
                    + answer.path("error").path("error_msg").asText());
        }
        respond(exchange, answer);
    }

    private synchronized void recordRefusal(String what) {
        refused.add(what);
    }

    /** Calls the emulator refused on its own (not injected faults): what VK would have refused. */
    public synchronized List<String> refusedCalls() {
        return List.copyOf(refused);
    }

    private synchronized Injected take(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        Deque<Injected> queue = injected.get(method);
        return queue == null ? null : queue.poll();
    }

    /** A fault for this peer first, then one for the method. */
    private synchronized Injected take(String method, String peer) {
        long peerId = parsePeer(peer);
        callLog.add(new CallRecord(method, peerId, System.nanoTime()));
        Deque<Injected> forPeer = injectedForPeer.get(method + "/" + peerId);
        Injected mine = forPeer == null ? null : forPeer.poll();
        if (mine != null) {
            calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            return mine;
        }
        return take(method);
    }

    private static long parsePeer(String peer) {
        try {
            return peer == null ? 0 : Long.parseLong(peer);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private synchronized Duration currentSlowness() {
        return slowAnswers;
    }

    private synchronized ObjectNode longPollServer(Map<String, String> params) {
        if (!String.valueOf(groupId).equals(params.get("group_id"))) {
            return error(100, "One of the parameters specified was missing or invalid: group_id", "groups.getLongPollServer");
        }
        if (keyExpired || informationLost) {
            keyNumber++;
            key = "key-" + keyNumber;
            keyExpired = false;
            informationLost = false;
        }
        ObjectNode r = json.createObjectNode();
        ObjectNode response = r.putObject("response");
        response.put("key", key);
        response.put("server", longPollUrl());
        response.put("ts", String.valueOf(nextTs()));
        return r;
    }

    /**
     * groups.getById with the community's token: without group_id, the token's own community (5.194+ shape,
     * {groups, profiles}); can_message is 1 while the community's messages are on.
     */
    private synchronized ObjectNode groupById(Map<String, String> params) {
        String asked = params.get("group_id");
        if (asked != null && !asked.isBlank() && !asked.equals(String.valueOf(groupId))) {
            return error(100, "One of the parameters specified was missing or invalid: group_id", "groups.getById");
        }
        ObjectNode r = json.createObjectNode();
        ObjectNode response = r.putObject("response");
        ObjectNode g = response.putArray("groups").addObject();
        g.put("id", groupId);
        g.put("name", "ТОС эмулятор");
        g.put("screen_name", "club" + groupId);
        g.put("is_closed", 0);
        g.put("type", "group");
        if (params.getOrDefault("fields", "").contains("can_message")) {
            g.put("can_message", messagesEnabled ? 1 : 0);
        }
        response.putArray("profiles");
        return r;
    }

    /** groups.getLongPollSettings of this community: every event type as 0 or 1, like VK. */
    private synchronized ObjectNode longPollSettings(Map<String, String> params) {
        if (!String.valueOf(groupId).equals(params.get("group_id"))) {
            return error(100, "One of the parameters specified was missing or invalid: group_id", "groups.getLongPollSettings");
        }
        ObjectNode r = json.createObjectNode();
        ObjectNode response = r.putObject("response");
        response.put("is_enabled", longPollEnabled);
        response.put("api_version", longPollVersion);
        ObjectNode events = response.putObject("events");
        for (String type : List.of("message_new", "message_reply", "message_edit", "message_allow", "message_deny",
                "message_typing_state", "message_event", "photo_new", "wall_post_new", "group_join", "group_leave")) {
            events.put(type, longPollEvents.contains(type) ? 1 : 0);
        }
        return r;
    }

    private synchronized ObjectNode send(Map<String, String> params) {
        String peer = params.get("peer_id");
        String random = params.get("random_id");
        String text = params.getOrDefault("message", "");
        if (peer == null || random == null) {
            return error(100, "One of the parameters specified was missing or invalid: peer_id and random_id are required", "messages.send");
        }
        long peerId = Long.parseLong(peer);
        long randomId = Long.parseLong(random);
        if (text.isBlank()) {
            return error(100, "One of the parameters specified was missing or invalid: message is empty", "messages.send");
        }
        if (text.length() > MAX_MESSAGE) {
            return error(914, "Message is too long", "messages.send");
        }
        if (forbidden.contains(peerId)) {
            return error(901, "Can't send messages for users without permission", "messages.send");
        }
        String keyboard = params.get("keyboard");
        if (keyboard != null && !validKeyboard(keyboard)) {
            return error(911, "Keyboard format is invalid", "messages.send");
        }
        ObjectNode r = json.createObjectNode();
        Sent earlier = randomId == 0 ? null : byRandomId.get(peerId + "/" + randomId);
        if (earlier != null) {
            // VK's idempotency: the same random_id is not delivered again
            repeatsDropped++;
            r.put("response", earlier.id());
            return r;
        }
        Sent message = new Sent(nextMessageId++, peerId, text, randomId, keyboard);
        sent.computeIfAbsent(peerId, p -> new ArrayList<>()).add(message);
        byRandomId.put(peerId + "/" + randomId, message);
        notifyAll();
        r.put("response", message.id());
        return r;
    }

    /** The hook runs outside the lock: it may kill the process on the other end and wait for it. */
    private ObjectNode sendThenHook(Map<String, String> params) {
        ObjectNode answer = send(params);
        Runnable hook;
        synchronized (this) {
            hook = answer.has("response") ? beforeSendAnswers.poll() : null;
        }
        if (hook != null) {
            hook.run();
        }
        return answer;
    }

    private boolean validKeyboard(String keyboard) {
        try {
            JsonNode k = json.readTree(keyboard);
            if (!k.path("inline").asBoolean(false) || !k.path("buttons").isArray() || k.path("buttons").size() > 6) {
                return false;
            }
            int count = 0;
            for (JsonNode row : k.path("buttons")) {
                for (JsonNode b : row) {
                    count++;
                    JsonNode action = b.path("action");
                    String label = action.path("label").asText("");
                    String payload = action.path("payload").asText("");
                    if (!"callback".equals(action.path("type").asText()) || label.isEmpty()
                            || label.codePointCount(0, label.length()) > 40 || payload.length() > 255
                            || !json.readTree(payload).isObject()) {
                        return false;
                    }
                }
            }
            return count <= 10;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private synchronized ObjectNode eventAnswer(Map<String, String> params) {
        answers.add(new EventAnswer(params.get("event_id"), Long.parseLong(params.getOrDefault("user_id", "0")),
                Long.parseLong(params.getOrDefault("peer_id", "0"))));
        notifyAll();
        ObjectNode r = json.createObjectNode();
        r.put("response", 1);
        return r;
    }

    private synchronized ObjectNode users(Map<String, String> params) {
        ObjectNode r = json.createObjectNode();
        ArrayNode list = r.putArray("response");
        for (String id : params.getOrDefault("user_ids", "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            long userId = Long.parseLong(id.strip());
            String[] name = names.getOrDefault(userId, "DELETED\u0000").split("\u0000", -1);
            ObjectNode u = list.addObject();
            u.put("id", userId);
            u.put("first_name", name[0]);
            u.put("last_name", name.length > 1 ? name[1] : "");
            u.put("can_access_closed", true);
            u.put("is_closed", false);
        }
        return r;
    }

    private void longPoll(HttpExchange exchange) throws IOException {
        Map<String, String> params = form(exchange);
        Runnable instead;
        synchronized (this) {
            instead = insteadOfPolls.poll();
        }
        if (instead != null) {
            instead.run();
            drop(exchange);
            return;
        }
        Injected fault = take("a_check");
        if (fault != null && fault.drop()) {
            drop(exchange);
        }
        sleep(fault != null ? fault.delay() : Duration.ZERO);
        if (fault != null && fault.errorCode() != 0) {
            serverError(exchange, 500);
            return;
        }
        ObjectNode answer;
        try {
            answer = check(params);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop(exchange);
            return;
        }
        respond(exchange, answer);
    }

    private synchronized ObjectNode check(Map<String, String> params) throws InterruptedException {
        String ts = params.get("ts");
        polledTs.add(ts);
        inFlight = List.of();
        if (!"a_check".equals(params.get("act")) || ts == null) {
            return failed(1, String.valueOf(nextTs()));
        }
        Integer injectedFailure = pollFailures.poll();
        if (injectedFailure != null) {
            return failed(injectedFailure, injectedFailure == 1 ? ts : null);
        }
        if (!key.equals(params.get("key")) || keyExpired) {
            return failed(2, null);
        }
        if (informationLost) {
            return failed(3, null);
        }
        long from;
        try {
            from = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return failed(1, String.valueOf(nextTs()));
        }
        if (from > nextTs()) {
            return failed(1, String.valueOf(nextTs()));
        }
        if (from < firstRetainedTs) {
            return failed(1, String.valueOf(firstRetainedTs));
        }
        int wait = Math.min(90, Math.max(0, Integer.parseInt(params.getOrDefault("wait", "25"))));
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        while (nextTs() <= from && !closed && !keyExpired && !informationLost) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (keyExpired || !key.equals(params.get("key"))) {
            return failed(2, null);
        }
        if (informationLost) {
            return failed(3, null);
        }
        ObjectNode r = json.createObjectNode();
        r.put("ts", String.valueOf(nextTs()));
        ArrayNode updates = r.putArray("updates");
        List<String> keys = new ArrayList<>();
        for (long t = from; t < nextTs(); t++) {
            ObjectNode event = events.get((int) (t - FIRST_TS));
            updates.add(event.deepCopy());
            keys.add("vk:" + event.path("event_id").asText());
        }
        inFlight = List.copyOf(keys);
        handedOut += keys.size();
        return r;
    }

    private ObjectNode failed(int code, String ts) {
        ObjectNode r = json.createObjectNode();
        r.put("failed", code);
        if (ts != null) {
            r.put("ts", Long.parseLong(ts));
        }
        return r;
    }

    private ObjectNode error(int code, String message, String method) {
        ObjectNode r = json.createObjectNode();
        ObjectNode e = r.putObject("error");
        e.put("error_code", code);
        e.put("error_msg", message);
        ArrayNode rp = e.putArray("request_params");
        rp.addObject().put("key", "method").put("value", method);
        return r;
    }

    private static String describe(int code) {
        return switch (code) {
            case 6 -> "Too many requests per second";
            case 9 -> "Flood control";
            case 10 -> "Internal server error";
            case 29 -> "Rate limit reached";
            case 901 -> "Can't send messages for users without permission";
            case 902 -> "Can't send messages to this user due to their privacy settings";
            default -> "Error " + code;
        };
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return UrlForm.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void respond(HttpExchange exchange, ObjectNode answer) throws IOException {
        byte[] bytes = json.writeValueAsBytes(answer);
        // the JDK's HttpServer sends this as "Content-type": the case the SDK does not expect
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Closes the connection without an answer, as a broken network or proxy would: the JDK's HttpServer closes
     * the connection when a handler throws before sending a response.
     */
    private static void drop(HttpExchange exchange) throws IOException {
        throw new IOException("connection dropped on purpose");
    }

    private static void serverError(HttpExchange exchange, int status) throws IOException {
        byte[] bytes = ("<html>" + status + " Server Error</html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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
}
