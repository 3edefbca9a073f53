package ru.tos.dutydesk.store;

import ru.tos.dutydesk.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One commit for a poll's messages, each of which still fails alone. */
class SqlStoreBatchTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;
    Path file;
    SqlStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("desk.db");
        store = TestStores.open(file);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> recordedElsewhere() {
        return RawDb.strings(file, "SELECT update_key FROM processed_updates ORDER BY update_key");
    }

    private void record(String key) {
        store.inTransaction(tx -> tx.recordUpdate(key, T0));
    }

    @Test
    void the_units_of_a_batch_become_durable_together_when_it_ends() {
        List<List<String>> seenDuring = new ArrayList<>();
        store.inBatch(() -> {
            record("u1");
            record("u2");
            seenDuring.add(recordedElsewhere());
        });
        assertThat(seenDuring).containsExactly(List.of());
        assertThat(recordedElsewhere()).containsExactly("u1", "u2");
    }

    @Test
    void a_failing_unit_is_undone_alone() {
        store.inBatch(() -> {
            record("u1");
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.recordUpdate("u2", T0);
                throw new IllegalStateException("the desk broke");
            })).hasMessage("the desk broke");
            record("u3");
        });
        assertThat(recordedElsewhere()).containsExactly("u1", "u3");
        // a unit of the batch sees what earlier units wrote: a repeated key is a redelivery
        List<Boolean> fresh = new ArrayList<>();
        store.inBatch(() -> fresh.add(store.inTransaction(tx -> tx.recordUpdate("u1", T0))));
        assertThat(fresh).containsExactly(false);
    }

    @Test
    void a_failing_batch_keeps_nothing() {
        assertThatThrownBy(() -> store.inBatch(() -> {
            record("u1");
            throw new StoreException("disk full");
        })).hasMessage("disk full");
        assertThat(recordedElsewhere()).isEmpty();
        record("u4");
        assertThat(recordedElsewhere()).containsExactly("u4");
    }
}
