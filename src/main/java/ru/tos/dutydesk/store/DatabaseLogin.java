package ru.tos.dutydesk.store;

import java.util.Map;
import java.util.Optional;

/** The PostgreSQL user and password, from DATABASE_USER and DATABASE_PASSWORD; never printed. */
public record DatabaseLogin(Optional<String> user, Optional<String> password) {
    public static final String USER_VARIABLE = "DATABASE_USER";
    public static final String PASSWORD_VARIABLE = "DATABASE_PASSWORD";

    public static DatabaseLogin from(Map<String, String> env) {
        return new DatabaseLogin(nonBlank(env.get(USER_VARIABLE)), nonBlank(env.get(PASSWORD_VARIABLE)));
    }

    public static DatabaseLogin none() {
        return new DatabaseLogin(Optional.empty(), Optional.empty());
    }

    private static Optional<String> nonBlank(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    @Override
    public String toString() {
        return "DatabaseLogin[user=" + user.orElse("(default)") + ", password=" + (password.isPresent() ? "set" : "not set") + "]";
    }
}
