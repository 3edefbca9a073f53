package ru.tos.dutydesk.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The project's own {@code config/duty-desk.yml} as a test's jar reads it: the database in the test folder, and
 * whatever else the test changes. {@link #write()} puts it beside the database as {@code duty-desk.yml}.
 */
public final class JarConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path dir;
    private final ObjectNode root;

    private JarConfig(Path dir, ObjectNode root) {
        this.dir = dir;
        this.root = root;
    }

    /** The project's config with {@code dir/desk.db} as its database. */
    public static JarConfig project(Path dir) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(Path.of("config", "duty-desk.yml").toFile());
            root.put("database", dir.resolve("desk.db").toString());
            return new JarConfig(dir, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This consultants' chat with these consultants. The Bot API address is the production one: TELEGRAM_API_URL
     * overrides it, as in production.
     */
    public JarConfig consultantsChat(long chat, long... consultants) {
        ObjectNode telegram = telegram();
        telegram.put("api-url", "https://api.telegram.org");
        telegram.put("consultants-chat-id", chat);
        var list = telegram.putArray("consultants");
        for (long c : consultants) {
            list.add(c);
        }
        return this;
    }

    /** No consultants' chat: an escalated question is acknowledged to the person and waits in the database. */
    public JarConfig withoutConsultantsChat() {
        telegram().remove("consultants-chat-id");
        return this;
    }

    /** Consultants on duty round the clock, so that what a resident is told does not depend on the hour. */
    public JarConfig roundTheClock() {
        ObjectNode hours = (ObjectNode) root.get("desk").get("working-hours");
        hours.putArray("days").add("MON").add("TUE").add("WED").add("THU").add("FRI").add("SAT").add("SUN");
        hours.put("from", "00:00");
        hours.put("to", "23:59");
        return this;
    }

    /** The association's mailbox on a loopback mail server without TLS (the password goes in EMAIL_PASSWORD). */
    public JarConfig email(String address, int imapPort, int smtpPort, boolean idle) {
        ObjectNode email = root.putObject("email");
        email.put("address", address);
        email.put("sender-name", "ТОС-ассоциация");
        email.putObject("imap").put("host", "127.0.0.1").put("port", imapPort).put("security", "none");
        email.putObject("smtp").put("host", "127.0.0.1").put("port", smtpPort).put("security", "none");
        email.put("idle", idle);
        email.put("poll-every", "1s");
        email.put("auto-reply-period", "1s");
        return this;
    }

    /** /health, /ready and /metrics on 127.0.0.1:{@code port}. */
    public JarConfig health(int port) {
        root.putObject("health").put("port", port);
        return this;
    }

    /** Another database than the test folder's file: a PostgreSQL URL, say (the login goes in the environment). */
    public JarConfig database(String location) {
        root.put("database", location);
        return this;
    }

    public Path write() {
        Path file = dir.resolve("duty-desk.yml");
        try {
            YAML.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private ObjectNode telegram() {
        return (ObjectNode) root.get("telegram");
    }
}
