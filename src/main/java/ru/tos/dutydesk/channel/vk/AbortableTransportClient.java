package ru.tos.dutydesk.channel.vk;

import com.vk.api.sdk.client.ClientResponse;
import com.vk.api.sdk.httpclient.HttpTransportClient;
import org.apache.http.client.methods.HttpRequestBase;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK's HTTP transport, with a way to abort what is in flight: a long poll waits up to 25 s and nothing in the
 * SDK can cut it short, so without this closing the channel would leave a thread waiting out the poll.
 */
final class AbortableTransportClient extends HttpTransportClient {
    private final Set<HttpRequestBase> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Override
    protected ClientResponse call(HttpRequestBase request) throws IOException {
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
