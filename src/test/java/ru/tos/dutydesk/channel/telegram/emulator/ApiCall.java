package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One Bot API call: its method, its parameters (from JSON, form, multipart or query) and the ways to answer. */
public final class ApiCall {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpExchange exchange;
    private final String method;
    private final ObjectNode params;
    private final Map<String, UploadedFile> files;
    private boolean answered;
    private Runnable beforeAnswer;
    private int status;
    private String description;

    /** A file part of a multipart request, with its bytes as uploaded. */
    public record UploadedFile(String fileName, byte[] bytes) {
        public int size() {
            return bytes.length;
        }
    }

    ApiCall(HttpExchange exchange, String method, ObjectNode params, Map<String, UploadedFile> files) {
        this.exchange = exchange;
        this.method = method;
        this.params = params;
        this.files = files;
    }

    /** The method name in lower case (Telegram matches method names case-insensitively). */
    public String method() {
        return method;
    }

    public boolean has(String name) {
        JsonNode n = params.get(name);
        return n != null && !n.isNull() && !(n.isTextual() && n.asText().isEmpty());
    }

    public String string(String name) {
        JsonNode n = params.get(name);
        return n == null || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }

    public Long longValue(String name) {
        String s = string(name);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean bool(String name) {
        String s = string(name);
        return s != null && (s.equalsIgnoreCase("true") || s.equals("1"));
    }

    /** A parameter that is a JSON object or array, sent as JSON or as a JSON string in a form. */
    public JsonNode json(String name) {
        JsonNode n = params.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            try {
                return JSON.readTree(n.asText());
            } catch (IOException e) {
                return null;
            }
        }
        return n;
    }

    public Map<String, UploadedFile> files() {
        return files;
    }

    public boolean answered() {
        return answered;
    }

    public void ok(JsonNode result) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("ok", true);
        body.set("result", result);
        send(200, "application/json", body.toString());
    }

    public void error(int code, String description, Integer retryAfter) throws IOException {
        this.description = description;
        ObjectNode body = JSON.createObjectNode();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        if (retryAfter != null) {
            body.putObject("parameters").put("retry_after", retryAfter);
        }
        send(code, "application/json", body.toString());
    }

    public void badRequest(String description) throws IOException {
        error(400, "Bad Request: " + description, null);
    }

    public void raw(int status, String contentType, String body) throws IOException {
        send(status, contentType, body);
    }

    /** Runs {@code action} just before the answer goes out (the call's work is done by then). */
    void beforeAnswer(Runnable action) {
        beforeAnswer = action;
    }

    /** Closes the connection without a word, as a broken proxy or network does. */
    public void drop() {
        answered = true;
        exchange.close();
    }

    /** The HTTP status answered (0 before an answer, or after a dropped connection). */
    public int status() {
        return status;
    }

    /** The error description answered, or null. */
    public String errorDescription() {
        return description;
    }

    private void send(int status, String contentType, String body) throws IOException {
        answered = true;
        this.status = status;
        if (beforeAnswer != null) {
            Runnable action = beforeAnswer;
            beforeAnswer = null;
            action.run();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
