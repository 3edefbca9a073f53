package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import ru.tos.dutydesk.testing.UrlForm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a call's parameters the ways the Bot API accepts them: query string, JSON, urlencoded form, multipart. */
final class RequestParser {

    record Parsed(ObjectNode params, Map<String, ApiCall.UploadedFile> files) {
    }

    private RequestParser() {
    }

    static Parsed parse(HttpExchange exchange) throws IOException {
        ObjectNode params = ApiCall.JSON.createObjectNode();
        Map<String, ApiCall.UploadedFile> files = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            form(query, params);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            return new Parsed(params, files);
        }
        if (lower.startsWith("application/json")) {
            JsonNode json = ApiCall.JSON.readTree(body);
            if (json != null && json.isObject()) {
                json.fields().forEachRemaining(e -> params.set(e.getKey(), e.getValue()));
            }
        } else if (lower.startsWith("multipart/form-data")) {
            multipart(body, boundary(type), params, files);
        } else {
            form(new String(body, StandardCharsets.UTF_8), params);
        }
        return new Parsed(params, files);
    }

    private static void form(String encoded, ObjectNode params) {
        UrlForm.decode(encoded).forEach(params::put);
    }

    private static String boundary(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
            }
        }
        throw new IllegalArgumentException("multipart without boundary");
    }

    /** A small multipart reader: bytes are kept as ISO-8859-1 so nothing is lost, values decoded as UTF-8. */
    private static void multipart(byte[] body, String boundary, ObjectNode params, Map<String, ApiCall.UploadedFile> files) {
        String all = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int pos = all.indexOf(delimiter);
        while (pos >= 0) {
            int start = pos + delimiter.length();
            if (all.startsWith("--", start)) {
                break;
            }
            int next = all.indexOf(delimiter, start);
            if (next < 0) {
                break;
            }
            String part = all.substring(start, next);
            part = part.startsWith("\r\n") ? part.substring(2) : part;
            part = part.endsWith("\r\n") ? part.substring(0, part.length() - 2) : part;
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                String headers = new String(part.substring(0, headerEnd).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                String content = part.substring(headerEnd + 4);
                String name = attribute(headers, "name");
                String fileName = attribute(headers, "filename");
                if (name != null) {
                    if (fileName != null) {
                        files.put(name, new ApiCall.UploadedFile(fileName, content.getBytes(StandardCharsets.ISO_8859_1)));
                    } else {
                        params.put(name, new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                    }
                }
            }
            pos = next;
        }
    }

    private static String attribute(String headers, String attr) {
        String needle = attr + "=\"";
        int i = 0;
        while ((i = headers.indexOf(needle, i)) >= 0) {
            // "name=" must not match the tail of "filename="
            if (i == 0 || !Character.isLetter(headers.charAt(i - 1))) {
                int end = headers.indexOf('"', i + needle.length());
                return end < 0 ? null : headers.substring(i + needle.length(), end);
            }
            i += needle.length();
        }
        return null;
    }
}
