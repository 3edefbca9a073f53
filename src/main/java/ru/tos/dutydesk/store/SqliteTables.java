package ru.tos.dutydesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tables of an SQLite desk database as its own catalogue lists them, parents before the tables that refer to
 * them, so that a copy inserts a row only after the rows it points at. Read from the file rather than kept as a
 * list in code, so that a table added to {@link Migrations} is copied without anyone remembering to.
 */
final class SqliteTables {
    private static final Pattern WITHOUT_ROWID = Pattern.compile("\\)\\s*WITHOUT\\s+ROWID\\s*$", Pattern.CASE_INSENSITIVE);

    /** A table, and whether it has a rowid (the order its rows were inserted in). */
    record Table(String name, boolean hasRowid) {
    }

    private SqliteTables() {
    }

    static List<Table> inForeignKeyOrder(Connection c) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Table t : Sql.list(c, """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                ORDER BY name""", rs -> new Table(rs.getString(1), !WITHOUT_ROWID.matcher(rs.getString(2).strip()).find()))) {
            tables.put(t.name(), t);
        }
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String name : tables.keySet()) {
            // PRAGMA takes no bound parameters; the name comes from the catalogue, and the function form binds it
            parents.put(name, new LinkedHashSet<>(Sql.list(c, "SELECT \"table\" FROM pragma_foreign_key_list(?)",
                    rs -> rs.getString(1), name)));
            parents.get(name).retainAll(tables.keySet());
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < tables.size()) {
            boolean progress = false;
            for (String name : tables.keySet()) {
                if (!placed.contains(name) && placed.containsAll(without(parents.get(name), name))) {
                    ordered.add(tables.get(name));
                    placed.add(name);
                    progress = true;
                }
            }
            if (!progress) {
                throw new StoreException("the tables' foreign keys go round in a circle; cannot order them for a copy");
            }
        }
        return ordered;
    }

    /** A table that refers to itself needs no other table first. */
    private static Set<String> without(Set<String> parents, String self) {
        Set<String> s = new LinkedHashSet<>(parents);
        s.remove(self);
        return s;
    }
}
