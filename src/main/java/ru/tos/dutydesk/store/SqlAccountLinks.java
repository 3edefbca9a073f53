package ru.tos.dutydesk.store;

import ru.tos.dutydesk.desk.AccountLinks;

import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

/** {@link AccountLinks} on the transaction's connection (schema step 10). */
final class SqlAccountLinks implements AccountLinks {
    private final Connection c;
    private final SqlRunner run;

    SqlAccountLinks(Connection c, SqlRunner run) {
        this.c = c;
        this.run = run;
    }

    @Override
    public boolean saveCode(String code, long userId, Instant now, Instant expires) {
        return run.sql(() -> {
            Sql.update(c, "DELETE FROM link_codes WHERE user_id = ? OR expires_at <= ?", userId, now);
            return Sql.update(c, "INSERT INTO link_codes (code, user_id, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    code, userId, expires) == 1;
        });
    }

    @Override
    public Optional<Long> takeCode(String code, Instant now) {
        return run.sql(() -> {
            Optional<Long> user = Sql.one(c, "SELECT user_id FROM link_codes WHERE code = ? AND expires_at > ?",
                    rs -> rs.getLong(1), code, now);
            Sql.update(c, "DELETE FROM link_codes WHERE code = ?", code);
            return user;
        });
    }

    @Override
    public void link(long userId, long otherUserId) {
        run.sql(() -> {
            long a = personOf(userId);
            long b = personOf(otherUserId);
            long person = Math.min(a, b);
            Sql.update(c, "INSERT INTO person_links (user_id, person) VALUES (?, ?) ON CONFLICT DO NOTHING", userId, a);
            Sql.update(c, "INSERT INTO person_links (user_id, person) VALUES (?, ?) ON CONFLICT DO NOTHING", otherUserId, b);
            Sql.update(c, "UPDATE person_links SET person = ? WHERE person IN (?, ?)", person, a, b);
            return null;
        });
    }

    @Override
    public boolean linked(long userId, long otherUserId) {
        return run.sql(() -> personOf(userId) == personOf(otherUserId));
    }

    private long personOf(long userId) throws java.sql.SQLException {
        return Sql.one(c, "SELECT person FROM person_links WHERE user_id = ?", rs -> rs.getLong(1), userId).orElse(userId);
    }
}
