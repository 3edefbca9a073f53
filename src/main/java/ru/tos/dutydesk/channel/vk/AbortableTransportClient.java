package ru.tos.dutydesk.channel.vk;

import com.vk.api.sdk.client.ClientResponse;
import com.vk.api.sdk.httpclient.HttpTransportClient;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpRequestBase;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK's HTTP transport, with a way to abort what is in flight: a long poll waits up to 25 s and nothing in the
 * SDK can cut it short, so without this closing the channel would leave a thread waiting out the poll.
 *
 * <p>API method calls (paths under {@code /method/}) get their own, shorter read timeout: the SDK's shared client
 * waits 60 s, which suits a long poll but would let one hanging send hold up every chat's replies that long.
 */
final class AbortableTransportClient extends HttpTransportClient {
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Set<HttpRequestBase> inFlight = ConcurrentHashMap.newKeySet();
    private final RequestConfig methodCalls;
    private volatile boolean closed;

    AbortableTransportClient() {
        this(VkChannelOptions.DEFAULT_CALL_TIMEOUT);
    }

    AbortableTransportClient(Duration callTimeout) {
        this.methodCalls = RequestConfig.custom()
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setConnectionRequestTimeout(CONNECT_TIMEOUT_MS)
                .setSocketTimeout((int) Math.min(Integer.MAX_VALUE, callTimeout.toMillis()))
                .build();
    }

    @Override
    protected ClientResponse call(HttpRequestBase request) throws IOException {
        if (request.getURI() != null && request.getURI().getPath() != null && request.getURI().getPath().contains("/method/")) {
            request.setConfig(methodCalls);
        }
        inFlight.add(request);
        try {
            if (closed) {
                throw new IOException("VK channel closed");
            }
            return super.call(request);
        } finally {
            inFlight.remove(request);
        }
    }

    /** Aborts every request in flight and refuses new ones; callers see an I/O error. */
    void abortAll() {
        closed = true;
        inFlight.forEach(HttpRequestBase::abort);
    }
}
