package ru.tos.dutydesk.store;

import java.nio.file.Path;

/**
 * Where the desk keeps its data: an SQLite file (one desk, one machine), or a PostgreSQL database reached by a JDBC
 * URL, for a host that runs it already and for two desks that take over from each other. The PostgreSQL login comes
 * from the environment ({@link DatabaseLogin}), never from the URL in the config file.
 */
public sealed interface DatabaseLocation {

    /** As people write it: the file's path, or the URL. */
    String describe();

    record SqliteFile(Path file) implements DatabaseLocation {
        @Override
        public String describe() {
            return file.toString();
        }
    }

    record Postgres(String url) implements DatabaseLocation {
        public static final String PREFIX = "jdbc:postgresql:";

        public Postgres {
            if (!url.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
            }
        }

        @Override
        public String describe() {
            return url;
        }
    }

    /**
     * The value of {@code database:}: a {@code jdbc:postgresql://…} URL or a file path.
     *
     * @throws IllegalArgumentException with the reason in plain words
     */
    static DatabaseLocation parse(String configured) {
        String v = configured.strip();
        if (v.startsWith(Postgres.PREFIX)) {
            if (v.toLowerCase(java.util.Locale.ROOT).matches(".*[?&]password=.*")) {
                throw new IllegalArgumentException("the password must not be written in the config file: remove it from"
                        + " the URL and set DATABASE_PASSWORD in the environment");
            }
            return new Postgres(v);
        }
        if (v.startsWith("jdbc:")) {
            // only the scheme is repeated: the rest of a URL may carry a password
            int colon = v.indexOf(':', "jdbc:".length());
            throw new IllegalArgumentException("only jdbc:postgresql://… URLs or an SQLite file path are supported, got "
                    + (colon > 0 ? v.substring(0, colon + 1) : "jdbc:") + "…");
        }
        return new SqliteFile(Path.of(v));
    }
}
