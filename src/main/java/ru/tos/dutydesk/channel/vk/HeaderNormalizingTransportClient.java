package ru.tos.dutydesk.channel.vk;

import com.vk.api.sdk.client.ClientResponse;
import com.vk.api.sdk.client.TransportClient;
import org.apache.http.Header;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands the SDK its responses with case-insensitive header names. The SDK looks up {@code "Content-Type"} with
 * exact case and rejects a response whose server spelled it otherwise (the JDK's HttpServer sends
 * {@code Content-type}; HTTP/2 proxies send it lower-case), although HTTP header names are case-insensitive.
 */
final class HeaderNormalizingTransportClient implements TransportClient {
    private final TransportClient delegate;

    HeaderNormalizingTransportClient(TransportClient delegate) {
        this.delegate = delegate;
    }

    private static ClientResponse normalised(ClientResponse response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        return new ClientResponse(response.getStatusCode(), response.getContent(), headers);
    }

    @Override
    public ClientResponse post(String url, String body) throws IOException {
        return normalised(delegate.post(url, body));
    }

    @Override
    public ClientResponse post(String url, Map<String, File> files) throws IOException {
        return normalised(delegate.post(url, files));
    }

    @Override
    public ClientResponse post(String url, String body, String contentType) throws IOException {
        return normalised(delegate.post(url, body, contentType));
    }

    @Override
    public ClientResponse post(String url) throws IOException {
        return normalised(delegate.post(url));
    }

    @Override
    public ClientResponse post(String url, String body, Header[] headers) throws IOException {
        return normalised(delegate.post(url, body, headers));
    }

    @Override
    public ClientResponse get(String url) throws IOException {
        return normalised(delegate.get(url));
    }

    @Override
    public ClientResponse get(String url, String contentType) throws IOException {
        return normalised(delegate.get(url, contentType));
    }

    @Override
    public ClientResponse get(String url, Header[] headers) throws IOException {
        return normalised(delegate.get(url, headers));
    }

    @Override
    public ClientResponse delete(String url) throws IOException {
        return normalised(delegate.delete(url));
    }

    @Override
    public ClientResponse delete(String url, String body) throws IOException {
        return normalised(delegate.delete(url, body));
    }

    @Override
    public ClientResponse delete(String url, String body, String contentType) throws IOException {
        return normalised(delegate.delete(url, body, contentType));
    }

    @Override
    public ClientResponse delete(String url, String body, Header[] headers) throws IOException {
        return normalised(delegate.delete(url, body, headers));
    }
}
