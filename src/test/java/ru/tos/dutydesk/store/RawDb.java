package ru.tos.dutydesk.store;

import ru.tos.dutydesk.testing.TestStores;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Test-side look into a database (the file, or PostgreSQL under {@link TestStores}) with plain JDBC, for what the store's interfaces do not expose. */
final class RawDb {
    private RawDb() {
    }

    static List<String> strings(Path file, String sql) {
        try (Connection c = TestStores.rawConnection(file);
             var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String one(Path file, String sql) {
        List<String> all = strings(file, sql);
        return all.isEmpty() ? null : all.get(0);
    }

    static void exec(Path file, String... statements) {
        try (Connection c = TestStores.rawConnection(file);
             var st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
