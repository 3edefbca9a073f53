package ru.tos.dutydesk.channel.vk;

import com.vk.api.sdk.client.TransportClient;
import com.vk.api.sdk.client.VkApiClient;

/**
 * A VK client that calls a configurable API base URL. The SDK's own {@code api.host} property forces https and is
 * JVM-wide; every request builder asks {@link #getApiEndpoint()} instead, so overriding it is enough.
 */
final class EndpointVkApiClient extends VkApiClient {
    private final String endpoint;

    EndpointVkApiClient(TransportClient transport, String endpoint) {
        super(transport);
        this.endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    @Override
    public String getApiEndpoint() {
        return endpoint;
    }
}
