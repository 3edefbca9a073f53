package ru.tos.dutydesk.channel.vk;

import com.vk.api.sdk.client.VkApiClient;
import com.vk.api.sdk.client.actors.GroupActor;
import com.vk.api.sdk.exceptions.ApiException;
import com.vk.api.sdk.exceptions.ClientException;
import com.vk.api.sdk.objects.groups.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vk.api.sdk.objects.groups.responses.GetLongPollServerResponse;
import com.vk.api.sdk.objects.users.responses.GetResponse;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VK calls made with the VK Java SDK's request builders. Only the builders are used: the SDK's
 * {@code GroupLongPollApi} dies silently, leaks threads and prints message text (see {@link VkLongPollLoop}).
 * Every API method call waits for the shared {@link VkRateLimiter}; long-poll checks do not count against it.
 */
final class SdkVkApi implements VkApi {
    private static final Pattern HTTP_STATUS = Pattern.compile("Wrong status code: (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AbortableTransportClient transport;
    private final VkApiClient vk;
    private final GroupActor actor;
    private final long groupId;
    private final VkRateLimiter limiter;

    SdkVkApi(VkSettings settings, VkRateLimiter limiter) {
        this(settings, limiter, new AbortableTransportClient());
    }

    SdkVkApi(VkSettings settings, VkRateLimiter limiter, AbortableTransportClient transport) {
        this.transport = transport;
        this.vk = new EndpointVkApiClient(new HeaderNormalizingTransportClient(transport), settings.apiUrl());
        this.actor = new GroupActor(settings.groupId(), settings.token());
        this.groupId = settings.groupId();
        this.limiter = limiter;
    }

    @Override
    public void shutdown() {
        transport.abortAll();
    }

    @Override
    public LongPollServer longPollServer() throws VkCallException {
        GetLongPollServerResponse r = call("groups.getLongPollServer",
                () -> vk.groupsLongPoll().getLongPollServer(actor, groupId).execute());
        if (r.getServer() == null || r.getKey() == null || r.getTs() == null) {
            throw VkCallException.protocol("groups.getLongPollServer: server, key or ts missing");
        }
        return new LongPollServer(r.getServer(), r.getKey(), r.getTs());
    }

    @Override
    public String poll(LongPollServer server, String ts, int waitSeconds) throws VkCallException {
        // executeAsString: the SDK's own parsing throws away failed-1's ts and logs whole event bodies on errors
        return call("a_check", false,
                () -> vk.longPoll().getEvents(server.server(), server.key(), ts).waitTime(waitSeconds).executeAsString());
    }

    @Override
    public long send(long peerId, String text, long randomId, String keyboardJson) throws VkCallException {
        Integer id = call("messages.send", () -> {
            var query = vk.messages().sendDeprecated(actor).peerId(peerId).message(text)
                    // randomId(Integer) would cut our 64-bit ids
                    .unsafeParam("random_id", Long.valueOf(randomId));
            if (keyboardJson != null) {
                query.unsafeParam("keyboard", keyboardJson);
            }
            return query.execute();
        });
        if (id == null) {
            throw VkCallException.protocol("messages.send: no message id");
        }
        return id;
    }

    @Override
    public void answerEvent(String eventId, long userId, long peerId) throws VkCallException {
        call("messages.sendMessageEventAnswer",
                () -> vk.messages().sendMessageEventAnswer(actor, eventId, userId, peerId).execute());
    }

    @Override
    public Map<Long, String> userNames(Collection<Long> userIds) throws VkCallException {
        Map<Long, String> names = new HashMap<>();
        if (userIds.isEmpty()) {
            return names;
        }
        List<String> ids = userIds.stream().map(String::valueOf).toList();
        List<GetResponse> users = call("users.get", () -> vk.users().get(actor).userIds(ids).execute());
        if (users != null) {
            for (GetResponse u : users) {
                String name = join(u.getFirstName(), u.getLastName());
                if (u.getId() != null && !name.isEmpty()) {
                    names.put(u.getId(), name);
                }
            }
        }
        return names;
    }

    /** The community a token belongs to, as groups.getById reports it; {@code canMessage}: messages are on. */
    record Community(long id, String name, boolean canMessage) {
    }

    /** groups.getLongPollSettings: whether Bots Long Poll is on, its API version and the event types switched on. */
    record LongPollSettings(boolean enabled, String apiVersion, Set<String> events) {
        LongPollSettings {
            events = Set.copyOf(events);
        }
    }

    /** groups.getById without an id: with a community token, the token's own community. For {@code doctor}. */
    Community community() throws VkCallException {
        JsonNode r = rawCall("groups.getById",
                () -> vk.groups().getByIdObject(actor).fields(Fields.CAN_MESSAGE).executeAsString());
        // API 5.194 and later wrap the list as {groups, profiles}; earlier versions answer the list itself
        JsonNode group = (r.isArray() ? r : r.path("groups")).path(0);
        if (!group.path("id").canConvertToLong() || group.path("id").asLong() == 0) {
            throw VkCallException.protocol("groups.getById: no community in the answer");
        }
        return new Community(group.path("id").asLong(), group.path("name").asText(""),
                group.path("can_message").asInt(0) == 1);
    }

    /** groups.getLongPollSettings of the configured community (the token needs the community management right). */
    LongPollSettings longPollSettings() throws VkCallException {
        JsonNode r = rawCall("groups.getLongPollSettings",
                () -> vk.groups().getLongPollSettings(actor, groupId).executeAsString());
        Set<String> on = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("events").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asInt(0) == 1 || e.getValue().asBoolean(false)) {
                on.add(e.getKey());
            }
        }
        return new LongPollSettings(r.path("is_enabled").asBoolean(false), r.path("api_version").asText(""), on);
    }

    /** The API version the SDK sends with every call, and so the event format the channel is written against. */
    String apiVersion() {
        return vk.getApiVersion();
    }

    /**
     * A call whose answer is read as JSON here, for fields the SDK's typed objects lack (message_event among the
     * long-poll settings); VK's error object becomes a {@link VkCallException} as with the typed calls.
     */
    private JsonNode rawCall(String method, SdkCall<String> work) throws VkCallException {
        String body = call(method, work);
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (java.io.IOException e) {
            throw VkCallException.protocol(method + ": response is not JSON");
        }
        JsonNode error = root == null ? null : root.get("error");
        if (error != null) {
            throw VkCallException.api(error.path("error_code").asInt(0), error.path("error_msg").asText(null));
        }
        if (root == null || !root.has("response")) {
            throw VkCallException.protocol(method + ": no response in the answer");
        }
        return root.get("response");
    }

    private static String join(String first, String last) {
        return ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run() throws ApiException, ClientException;
    }

    private <T> T call(String method, SdkCall<T> work) throws VkCallException {
        return call(method, true, work);
    }

    private <T> T call(String method, boolean limited, SdkCall<T> work) throws VkCallException {
        if (limited) {
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VkCallException.io(method + ": interrupted", e);
            }
        }
        try {
            return work.run();
        } catch (ApiException e) {
            // the SDK reports every API error as ApiExtendedException; the typed subclasses never arrive
            Integer code = e.getCode();
            if (code == null) {
                throw VkCallException.protocol(method + ": API error without a code");
            }
            throw VkCallException.api(code, e.getDescription());
        } catch (ClientException e) {
            throw fromClient(method, e);
        } catch (RuntimeException e) {
            // gson on a body that is not the JSON object VK sends (an HTML error page from a proxy, say)
            throw VkCallException.protocol(method + ": unreadable response (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The SDK's client messages may quote the whole response body (people's words), so only their kind is kept. */
    private static VkCallException fromClient(String method, ClientException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("I/O exception")) {
            return VkCallException.io(method + ": connection failed", null);
        }
        Matcher status = HTTP_STATUS.matcher(message);
        if (status.find()) {
            return VkCallException.io(method + ": HTTP " + status.group(1), null);
        }
        if (message.startsWith("No content type") || message.startsWith("Invalid content type")) {
            return VkCallException.protocol(method + ": response is not JSON");
        }
        return VkCallException.protocol(method + ": unexpected response");
    }
}
