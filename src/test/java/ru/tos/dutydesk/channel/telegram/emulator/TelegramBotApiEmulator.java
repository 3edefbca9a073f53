package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Telegram Bot API emulator on 127.0.0.1 (JDK HttpServer) for tests: the real telegrambots client talks to it.
 * It keeps chats, messages and updates like Telegram does where our bot can notice: getUpdates offsets and long
 * polling, 4096-character and HTML parse checks with Telegram's descriptions, callback queries, and on request
 * 429 with retry_after, 5xx, dropped connections, slow answers and 409 Conflict.
 */
public final class TelegramBotApiEmulator implements AutoCloseable {
    private final String token;
    private final HttpServer server;
    private final ExecutorService threads;
    private final EmulatorState state = new EmulatorState();
    private final Map<String, Route> routes = new HashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> chatFaults = new ConcurrentHashMap<>();
    private final List<CallRecord> callLog = new java.util.ArrayList<>();

    /** A call as it arrived: method (lower case), the chat_id it named (or null), and when, on the test's clock. */
    public record CallRecord(String method, String chatId, long nanoTime) {
    }
    private final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TelegramBotApiEmulator(String token, int port) throws IOException {
        this.token = token;
        routes.put("getme", new GetMeRoute());
        routes.put("deletewebhook", new DeleteWebhookRoute());
        routes.put("getupdates", new GetUpdatesRoute());
        routes.put("sendmessage", new SendMessageRoute());
        routes.put("editmessagetext", new EditMessageTextRoute());
        routes.put("editmessagereplymarkup", new EditMessageReplyMarkupRoute());
        routes.put("answercallbackquery", new AnswerCallbackQueryRoute());
        routes.put("senddocument", new SendDocumentRoute());
        routes.put("getchat", new GetChatRoute());
        routes.put("getchatmember", new ChatMemberRoute());
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tg-emulator");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    public static TelegramBotApiEmulator start(String token) {
        return start(token, 0);
    }

    /** On a fixed loopback port (0: any free one), for the standalone {@code EmulatorMain}. */
    public static TelegramBotApiEmulator start(String token, int port) {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the body
        // then waits for the client's delayed ACK, about 40 ms per call on loopback, which api.telegram.org
        // does not do. The JDK reads this once, when its first server starts.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        try {
            return new TelegramBotApiEmulator(token, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Telegram emulator", e);
        }
    }

    /** The base URL to give the bot, e.g. {@code http://127.0.0.1:43121}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String botUsername() {
        return EmulatorState.BOT_USERNAME;
    }

    // --- what users do ---

    /** A user who started the bot before the test began: the bot may write to them, as Telegram allows. */
    public void startedEarlier(TgUser user) {
        state.chats.privateChat(user);
    }

    /** A user writes to the bot in private. Returns the update id. */
    public int pushText(TgUser from, String text) {
        ChatLog.ChatInfo chat = state.chats.privateChat(from);
        return pushMessage(chat, from, text, null, null);
    }

    /** A user writes in a group (replying to {@code replyTo} if not null). Returns the update id. */
    public int pushGroupText(long groupId, TgUser from, String text, Integer replyTo) {
        ChatLog.ChatInfo chat = state.chats.group(groupId, "Консультанты");
        botJoins(groupId);
        return pushMessage(chat, from, text, replyTo, null);
    }

    /** A user sends a photo in private, with a caption or none. */
    public int pushPhoto(TgUser from, String caption) {
        ChatLog.ChatInfo chat = state.chats.privateChat(from);
        return pushMessage(chat, from, null, null, m -> {
            m.putArray("photo").addObject().put("file_id", "ph-1").put("file_unique_id", "uph-1")
                    .put("width", 90).put("height", 90).put("file_size", 1200);
            if (caption != null) {
                m.put("caption", caption);
            }
        });
    }

    /** A user sends a sticker in private. */
    public int pushSticker(TgUser from) {
        ChatLog.ChatInfo chat = state.chats.privateChat(from);
        return pushMessage(chat, from, null, null, m -> m.putObject("sticker").put("file_id", "st-1")
                .put("file_unique_id", "ust-1").put("type", "regular").put("width", 512).put("height", 512)
                .put("is_animated", false).put("is_video", false).put("emoji", "👍"));
    }

    /** A user taps an inline button of the bot's message. Returns the update id. */
    public int pushCallback(long chatId, TgUser from, int messageId, String data) {
        SentMessage on = state.chats.find(chatId, messageId)
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageId + " in chat " + chatId));
        String queryId = state.newCallback();
        return state.updates.push(id -> {
            ObjectNode u = ApiCall.JSON.createObjectNode();
            u.put("update_id", id);
            ObjectNode q = u.putObject("callback_query");
            q.put("id", queryId);
            q.set("from", EmulatorState.user(from));
            q.set("message", state.message(on, null));
            q.put("chat_instance", "ci-" + chatId);
            q.put("data", data);
            return u;
        });
    }

    /** An update of a kind our bot does not ask for (an edited message), to check it is skipped safely. */
    public int pushEditedMessage(TgUser from, String text) {
        ChatLog.ChatInfo chat = state.chats.privateChat(from);
        SentMessage m = state.chats.add(chat.id(), text, text, null, null, List.of(), false);
        return state.updates.push(id -> {
            ObjectNode u = ApiCall.JSON.createObjectNode();
            u.put("update_id", id);
            ObjectNode msg = state.message(m, from);
            msg.put("edit_date", Instant.now().getEpochSecond());
            u.set("edited_message", msg);
            return u;
        });
    }

    private int pushMessage(ChatLog.ChatInfo chat, TgUser from, String text, Integer replyTo,
                            java.util.function.Consumer<ObjectNode> extra) {
        SentMessage m = state.chats.add(chat.id(), text, text, null, replyTo, List.of(), false);
        return state.updates.push(id -> {
            ObjectNode u = ApiCall.JSON.createObjectNode();
            u.put("update_id", id);
            ObjectNode msg = state.message(m, from);
            if (extra != null) {
                extra.accept(msg);
            }
            u.set("message", msg);
            return u;
        });
    }

    /** The consultants' group exists and the bot is in it (so it can post cards before anyone wrote there). */
    public void registerGroup(long groupId, String title) {
        state.chats.group(groupId, title);
        botJoins(groupId);
    }

    /** A group the bot hears from or posts to has the bot in it, unless a test set its status otherwise. */
    private void botJoins(long groupId) {
        if ("left".equals(state.members.of(groupId, EmulatorState.BOT_ID).status())) {
            state.members.set(groupId, EmulatorState.BOT_ID, new ChatMembers.Member("member", true, null));
        }
    }

    /**
     * A person's status in a group, as getChatMember reports it: creator, administrator, member, left or kicked
     * (use {@link #restrictInGroup} for restricted). Anyone never set is "left".
     */
    public void setGroupMember(long groupId, TgUser user, String status) {
        state.members.set(groupId, user.id(), new ChatMembers.Member(status, true, user));
    }

    /** A person restricted in a group, still in it, allowed to write or not. */
    public void restrictInGroup(long groupId, TgUser user, boolean canSendMessages) {
        state.members.set(groupId, user.id(), new ChatMembers.Member("restricted", canSendMessages, user));
    }

    /** The bot's own status in a group (administrator, member, left, kicked). */
    public void setBotStatus(long groupId, String status) {
        state.members.set(groupId, EmulatorState.BOT_ID, new ChatMembers.Member(status, true, null));
    }

    /** The bot restricted in a group, allowed to write or not. */
    public void restrictBot(long groupId, boolean canSendMessages) {
        state.members.set(groupId, EmulatorState.BOT_ID, new ChatMembers.Member("restricted", canSendMessages, null));
    }

    /** The group's default permissions: may plain members write? */
    public void setMembersMayWrite(long groupId, boolean mayWrite) {
        state.members.setMembersMayWrite(groupId, mayWrite);
    }

    /** A public group (with a username): getChat works for a bot that is not in it. */
    public void makeGroupPublic(long groupId) {
        state.members.makePublic(groupId);
    }

    /** BotFather's /setprivacy: with privacy off, getMe reports can_read_all_group_messages = true. */
    public void setPrivacyMode(boolean on) {
        state.readsAllGroupMessages = !on;
    }

    public long botId() {
        return EmulatorState.BOT_ID;
    }

    /** The user blocks the bot: sends to this chat get 403 from now on. */
    public void blockBot(long chatId) {
        state.chats.block(chatId);
    }

    /** Someone sets a webhook: getUpdates answers 409 until deleteWebhook is called. */
    public void setWebhook(String url) {
        state.setWebhookUrl(url);
    }

    // --- what tests read ---

    /** Messages the bot sent to a chat, in order, as Telegram keeps them. */
    public List<SentMessage> sentTo(long chatId) {
        return state.chats.fromBot(chatId);
    }

    /** Waits until the bot has sent at least {@code count} messages to the chat (or the time is up). */
    public List<SentMessage> awaitSentTo(long chatId, int count, Duration timeout) {
        try {
            return state.chats.awaitFromBot(chatId, count, timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return state.chats.fromBot(chatId);
        }
    }

    /**
     * The first message the bot sent to the chat that satisfies {@code wanted}, waiting for it up to
     * {@code timeout}; fails the test with what the chat got instead.
     */
    public SentMessage awaitSent(long chatId, Predicate<SentMessage> wanted, Duration timeout) throws InterruptedException {
        return state.chats.awaitFromBot(chatId, wanted, timeout.toMillis()).orElseThrow(() -> new AssertionError(
                "no such message in chat " + chatId + " within " + timeout + "; got: "
                        + sentTo(chatId).stream().map(SentMessage::text).toList()));
    }

    /**
     * Calls {@code listener} with each message the bot sends, as it arrives (on the emulator's thread; keep it
     * quick). Lets a load run time replies without polling the emulator.
     */
    public void onBotMessage(Consumer<SentMessage> listener) {
        state.chats.onBotMessage(listener);
    }

    /** All messages in a chat, the users' and the bot's. */
    public List<SentMessage> chatHistory(long chatId) {
        return state.chats.all(chatId);
    }

    /** Calls a route refused on its own (not injected faults): what Telegram would have refused, e.g. bad HTML. */
    public List<String> refusedCalls() {
        return List.copyOf(refused);
    }

    public List<String> answeredCallbacks() {
        return state.answeredCallbacks();
    }

    /** The names of the documents the bot sent, to any chat, in order. */
    public List<String> documents() {
        return state.documents().stream().map(SentDocument::fileName).toList();
    }

    /** The documents the bot sent to a chat, with their bytes, in order. */
    public List<SentDocument> documentsTo(long chatId) {
        return state.documents().stream().filter(d -> d.chatId() == chatId).toList();
    }

    /** Updates not yet confirmed by a getUpdates with a higher offset. */
    public int unconfirmedUpdates() {
        return state.updates.unconfirmed();
    }

    /** Updates handed out by getUpdates in all, counting each redelivery. */
    public int deliveredUpdates() {
        return state.updates.delivered();
    }

    /**
     * The update ids the bot holds right now: handed out by its latest getUpdates and not yet confirmed by a next
     * one. A bot that dies now gets them again.
     */
    public List<Integer> updatesInFlight() {
        return state.updates.inFlight();
    }

    /** How many calls of a method arrived (case-insensitive name). */
    public int calls(String method) {
        AtomicInteger n = calls.get(method.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    // --- misbehaviour ---

    /** The next {@code times} calls of {@code method} meet {@code fault} (before any fault already queued runs out). */
    public void inject(String method, Fault fault, int times) {
        Deque<Fault> queue = faults.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.addLast(fault);
            }
        }
    }

    /**
     * The next {@code times} calls of {@code method} for one chat meet {@code fault}; calls for other chats go on
     * normally (a chat over its own limit, a chat whose sends hang).
     */
    public void injectFor(String method, long chatId, Fault fault, int times) {
        Deque<Fault> queue = chatFaults.computeIfAbsent(method.toLowerCase(Locale.ROOT) + "/" + chatId, k -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.addLast(fault);
            }
        }
    }

    /** Every call so far, in the order they arrived. */
    public List<CallRecord> callLog() {
        synchronized (callLog) {
            return List.copyOf(callLog);
        }
    }

    /** The faults still waiting for calls of a method are dropped: the platform works again. */
    public void clearFaults(String method) {
        Deque<Fault> queue = faults.get(method.toLowerCase(Locale.ROOT));
        if (queue != null) {
            synchronized (queue) {
                queue.clear();
            }
        }
    }

    /** Faults still waiting for calls of a method. */
    public int pendingFaults(String method) {
        Deque<Fault> queue = faults.get(method.toLowerCase(Locale.ROOT));
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.size();
        }
    }

    private Fault nextFault(String method, String chatId) {
        Deque<Fault> forChat = chatId == null ? null : chatFaults.get(method + "/" + chatId);
        if (forChat != null) {
            synchronized (forChat) {
                Fault f = forChat.pollFirst();
                if (f != null) {
                    return f;
                }
            }
        }
        Deque<Fault> queue = faults.get(method);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    private void serve(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/bot") || path.indexOf('/', 4) < 0) {
                exchange.getRequestBody().readAllBytes();
                new ApiCall(exchange, "", ApiCall.JSON.createObjectNode(), Map.of()).error(404, "Not Found", null);
                return;
            }
            int slash = path.indexOf('/', 4);
            String givenToken = path.substring(4, slash);
            String method = path.substring(slash + 1).toLowerCase(Locale.ROOT);
            RequestParser.Parsed parsed;
            try {
                parsed = RequestParser.parse(exchange);
            } catch (IOException | RuntimeException e) {
                new ApiCall(exchange, method, ApiCall.JSON.createObjectNode(), Map.of()).badRequest("can't parse request");
                return;
            }
            ApiCall call = new ApiCall(exchange, method, parsed.params(), parsed.files());
            if (!givenToken.equals(token)) {
                call.error(401, "Unauthorized", null);
                return;
            }
            calls.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
            synchronized (callLog) {
                callLog.add(new CallRecord(method, call.string("chat_id"), System.nanoTime()));
            }
            answer(call, method);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the client went away (cancelled poll) or a test broke a route: nothing to answer
        } finally {
            exchange.close();
        }
    }

    private void answer(ApiCall call, String method) throws IOException, InterruptedException {
        Fault fault = nextFault(method, call.string("chat_id"));
        if (fault != null && fault.apply(call)) {
            return;
        }
        Route route = routes.get(method);
        if (route == null) {
            call.error(404, "Not Found: method not found", null);
            return;
        }
        try {
            route.handle(call, state);
        } catch (RuntimeException e) {
            if (!call.answered()) {
                call.error(500, "Internal Server Error: emulator route failed: " + e, null);
            }
        }
        if (call.status() >= 400) {
            refused.add(method + ": " + call.status() + " " + call.errorDescription());
        }
    }

    @Override
    public void close() {
        state.updates.wakeAll();
        server.stop(0);
        threads.shutdownNow();
    }
}
