package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 point 4: the console chat writes to a database of its own unless --db is given. */
class TryOutDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void the_console_chat_uses_a_file_beside_the_configured_database() {
        GlobalOptions options = options(null);
        try (DeskContext ctx = new DeskContext(options, Map.of())) {
            Path configured = ctx.databaseFile("the console chat");
            assertThat(ctx.tryOutDatabase()).isNotEqualTo(configured)
                    .isEqualTo(configured.resolveSibling(DeskContext.tryOutOf(configured).getFileName()));
            assertThat(ctx.tryOutDatabase().getFileName().toString()).endsWith("-try.db");
        }
    }

    @Test
    void a_database_given_with_db_is_used_as_given() {
        Path given = dir.resolve("mine.db");
        try (DeskContext ctx = new DeskContext(options(given), Map.of())) {
            assertThat(ctx.tryOutDatabase()).isEqualTo(given);
        }
    }

    @Test
    void the_try_out_name_keeps_the_folder_and_the_extension() {
        assertThat(DeskContext.tryOutOf(Path.of("data", "duty-desk.db"))).isEqualTo(Path.of("data", "duty-desk-try.db"));
        assertThat(DeskContext.tryOutOf(Path.of("desk"))).isEqualTo(Path.of("desk-try"));
    }

    private static GlobalOptions options(Path db) {
        GlobalOptions o = new GlobalOptions();
        o.config = Path.of("config", "duty-desk.yml");
        o.faq = Path.of("faq");
        o.db = db;
        return o;
    }
}
