package ru.tos.dutydesk.store;

import java.nio.file.Path;

/** Run in a child JVM by {@link SqlStoreOpenTest}: holds a store open until its stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (SqlStore store = SqlStore.open(Path.of(args[0]))) {
            System.out.println("ready " + store.schemaVersion());
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to close our stdin
            }
        }
    }
}
