package ru.tos.dutydesk.channel.vk;

import com.vk.api.sdk.client.VkApiClient;
import com.vk.api.sdk.client.actors.GroupActor;
import com.vk.api.sdk.exceptions.ApiException;
import com.vk.api.sdk.exceptions.ClientException;
import com.vk.api.sdk.objects.groups.responses.GetLongPollServerResponse;
import com.vk.api.sdk.objects.users.responses.GetResponse;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VK calls made with the VK Java SDK's request builders. Only the builders are used: the SDK's
 * {@code GroupLongPollApi} dies silently, leaks threads and prints message text (see {@link VkLongPollLoop}).
 * Every API method call waits for the shared {@link VkRateLimiter}; long-poll checks do not count against it.
 */
final class SdkVkApi implements VkApi {
    private static final Pattern HTTP_STATUS = Pattern.compile("Wrong status code: (\\d+)");

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
