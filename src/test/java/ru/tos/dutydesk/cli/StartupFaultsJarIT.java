package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.DeskJar;
import ru.tos.dutydesk.testing.JarConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Start-up faults, end to end with the packaged jar: each stops the start with one clear line on stderr that
 * names the file (and the key or line), a non-zero exit code, and leaves every file as it was.
 */
class StartupFaultsJarIT {
    private static final String TOKEN = "777000222:STARTUP-secret";
    private static final TgUser RESIDENT = new TgUser(7201, "Пётр", "Сидоров", null);

    @TempDir
    Path dir;
    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);
    private DeskJar.Started first;

    @AfterEach
    void stop() {
        if (first != null) {
            first.stop();
        }
        tg.close();
    }

    private DeskJar jar() {
        return new DeskJar(dir);
    }

    private Path config() {
        return JarConfig.project(dir).consultantsChat(-1003000000077L, 8077).roundTheClock().write();
    }

    private Map<String, String> telegram() {
        return Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", tg.apiUrl());
    }

    /** Exit code not 0; stderr exactly one line, "error: ...", naming what it must name; no stack trace. */
    private static void assertOneLineRefusal(DeskJar.Finished run, String... named) {
        assertThat(run.exitCode()).as("exit code; stderr:\n" + run.stderr()).isNotZero();
        assertThat(run.stderrLines()).as("stderr is one line").hasSize(1);
        String line = run.stderrLines().get(0);
        assertThat(line).startsWith("error: ").doesNotContain("Exception").contains(named);
        assertThat(run.stderr()).doesNotContain(TOKEN);
    }

    // --- the database ---

    @Test
    void aDatabasePathThatIsAFolderIsRefusedAndTheFolderKeptAsItWas() throws Exception {
        Path db = Files.createDirectories(dir.resolve("desk.db"));
        Files.writeString(db.resolve("keep.txt"), "чужой файл");
        Snapshot before = Snapshot.of(db);

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config().toString(), "--db", db.toString());

        assertOneLineRefusal(run, db.toString(), "folder");
        assertThat(Snapshot.of(db)).isEqualTo(before);
    }

    @Test
    void anUnreadableDatabaseFileIsRefusedAndLeftAsItWas() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file; the folder case runs as root");
        Path db = dir.resolve("desk.db");
        try (SqlStore store = SqlStore.open(db)) {
            store.inTransaction(tx -> tx.upsertUser(new Person(Channel.TELEGRAM, "1", "Анна"), Instant.now()));
        }
        Files.setPosixFilePermissions(db, Set.of());
        Snapshot before;
        DeskJar.Finished run;
        try {
            before = Snapshot.meta(db);
            run = jar().runToEnd(telegram(), "run", "--config", config().toString());
        } finally {
            Files.setPosixFilePermissions(db, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        assertOneLineRefusal(run, db.toString(), "cannot read");
        assertThat(Snapshot.meta(db)).isEqualTo(before);
    }

    @Test
    void aDatabaseOfRandomBytesIsRefusedAndLeftByteForByte() throws Exception {
        Path db = dir.resolve("desk.db");
        byte[] junk = new byte[64 * 1024];
        new Random(20261126).nextBytes(junk);
        Files.write(db, junk);
        Snapshot before = Snapshot.of(db);

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config().toString());

        assertOneLineRefusal(run, db.toString(), "not a SQLite database", "left untouched");
        assertThat(Snapshot.of(db)).isEqualTo(before);
        assertThat(dir.resolve("desk.db-wal")).doesNotExist();
        assertThat(tg.calls("getUpdates")).as("the desk never went online").isZero();
    }

    @Test
    void aDamagedSqliteDatabaseIsRefusedAndLeftByteForByte() throws Exception {
        Path db = dir.resolve("desk.db");
        try (SqlStore store = SqlStore.open(db)) {
            for (int i = 0; i < 300; i++) {
                int n = i;
                store.inTransaction(tx -> tx.upsertUser(new Person(Channel.VK, "u" + n, "Житель " + n), Instant.now()));
            }
        }
        byte[] bytes = Files.readAllBytes(db);
        for (int i = 4096; i < bytes.length; i++) { // the header page stays, the rest is scribbled over
            bytes[i] = (byte) (i * 31);
        }
        Files.write(db, bytes);
        Snapshot before = Snapshot.of(db);

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config().toString());

        assertOneLineRefusal(run, db.toString(), "left untouched");
        assertThat(Snapshot.of(db)).isEqualTo(before);
    }

    @Test
    void aSecondDeskOnTheSameDatabaseIsRefusedAndTheFirstKeepsServing() throws Exception {
        Path config = config();
        Path db = dir.resolve("desk.db");
        first = jar().start("first", telegram(), "run", "--config", config.toString());
        first.await("first desk polls Telegram", Duration.ofSeconds(60), () -> tg.calls("getUpdates") > 0);
        Snapshot before = Snapshot.of(db);

        DeskJar.Finished second = jar().runToEnd(telegram(), "run", "--config", config.toString());

        assertOneLineRefusal(second, db.toString(), "in use by another running duty desk");
        assertThat(Snapshot.of(db)).isEqualTo(before);
        assertThat(first.process().isAlive()).as("the first desk runs on; its log:\n" + first.stderr()).isTrue();
        tg.pushText(RESIDENT, "Что писать в уставе ТОС?");
        List<SentMessage> answers = tg.awaitSentTo(RESIDENT.id(), 1, Duration.ofSeconds(30));
        assertThat(answers).as("the first desk still answers; its log:\n" + first.stderr()).isNotEmpty();
        assertThat(answers.get(0).text()).contains("устав");
    }

    // --- the token ---

    @Test
    void aWrongTelegramTokenGivesOneLineAndExitCode2() throws Exception {
        Path config = config();
        String wrong = "777000222:WRONG-secret";

        DeskJar.Finished run = jar().runToEnd(Map.of("TELEGRAM_BOT_TOKEN", wrong, "TELEGRAM_API_URL", tg.apiUrl()),
                "run", "--config", config.toString());

        assertThat(run.exitCode()).as("exit code; stderr:\n" + run.stderr()).isEqualTo(2);
        assertThat(run.stderrLines().stream().filter(l -> l.startsWith("error: ")))
                .containsExactly("error: Telegram отклонил токен: проверьте TELEGRAM_BOT_TOKEN");
        assertThat(run.stderr()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain(wrong);
    }

    // --- the config ---

    @Test
    void anUnknownConfigKeyIsNamedWithItsLine() throws Exception {
        Path config = config();
        int line = editLine(config, "reannounce-after:", l -> l.replace("reannounce-after:", "reanounce-after:"));
        Snapshot before = Snapshot.of(config);

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config.toString());

        assertOneLineRefusal(run, config.toString(), "desk.reanounce-after", "unknown key", "(line " + line + ")");
        assertThat(Snapshot.of(config)).isEqualTo(before);
        assertThat(dir.resolve("desk.db")).as("no database was created").doesNotExist();
    }

    @Test
    void aBadConfigValueIsNamedWithItsKeyAndLine() throws Exception {
        Path config = config();
        int line = editLine(config, "consultants-chat-id:",
                l -> l.replaceAll("consultants-chat-id:.*", "consultants-chat-id: группа консультантов"));
        Snapshot before = Snapshot.of(config);

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config.toString());

        assertOneLineRefusal(run, config.toString(), "telegram.consultants-chat-id", "группа консультантов", "(line " + line + ")");
        assertThat(Snapshot.of(config)).isEqualTo(before);
        assertThat(dir.resolve("desk.db")).doesNotExist();
    }

    @Test
    void aConfigValueThatReadsButMakesNoSenseIsNamedWithItsKeyAndLine() throws Exception {
        Path config = config();
        int line = editLine(config, "timezone:", l -> "timezone: Mars/Olympus");

        // without a token too: the console start must not say anything before the error either
        DeskJar.Finished run = jar().runToEnd(Map.of(), "run", "--config", config.toString());

        assertOneLineRefusal(run, config.toString(), "timezone", "Mars/Olympus", "(line " + line + ")");
        assertThat(dir.resolve("desk.db")).doesNotExist();
    }

    @Test
    void aMissingConfigFileIsNamed() throws Exception {
        Path config = dir.resolve("no-such-config.yml");

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config.toString());

        assertOneLineRefusal(run, config.toString(), "not found");
        assertThat(config).doesNotExist();
    }

    // --- the knowledge ---

    @Test
    void aKnowledgeFileWithBrokenFrontMatterIsNamedWithItsLineAndNothingIsTouched() throws Exception {
        Path faq = faqWithBrokenCharterTitle();
        Path db = dir.resolve("desk.db");
        SqlStore.open(db).close();
        Snapshot knowledgeBefore = Snapshot.of(faq);
        Snapshot dbBefore = Snapshot.of(db);

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config().toString(), "--faq", faq.toString());

        assertOneLineRefusal(run, "create-charter.md:3:");
        assertThat(Snapshot.of(faq)).isEqualTo(knowledgeBefore);
        assertThat(Snapshot.of(db)).isEqualTo(dbBefore);
        assertThat(tg.calls("getUpdates")).isZero();
    }

    /** The index builds in the background, but only after the knowledge has been read and checked. */
    @Test
    void brokenKnowledgeStopsTheStartBeforeTheDatabaseFileIsCreated() throws Exception {
        Path faq = faqWithBrokenCharterTitle();
        Path db = dir.resolve("desk.db");

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config().toString(), "--faq", faq.toString());

        assertOneLineRefusal(run, "create-charter.md:3:");
        assertThat(db).doesNotExist();
        assertThat(dir.resolve("desk.db.lock")).doesNotExist();
        assertThat(tg.calls("getUpdates")).isZero();
    }

    @Test
    void severalBrokenKnowledgeFilesStillGiveOneLineThatPointsToKbCheck() throws Exception {
        Path faq = jar().faqCopy();
        Files.writeString(faq.resolve("create/create-charter.md"), "без front matter\n");
        Files.writeString(faq.resolve("money/money-taxes.md"), "---\nid: money-taxes\n---\n");

        DeskJar.Finished run = jar().runToEnd(telegram(), "run", "--config", config().toString(), "--faq", faq.toString());

        assertOneLineRefusal(run, "create-charter.md", "more problem", "kb check");
    }

    /** Rewrites the first line of the file that starts (after indentation) with {@code start}; returns its number. */
    /** A copy of the knowledge whose create-charter.md has an unquoted colon in its title (line 3). */
    private Path faqWithBrokenCharterTitle() throws IOException {
        Path faq = jar().faqCopy();
        Path charter = faq.resolve("create/create-charter.md");
        List<String> lines = Files.readAllLines(charter);
        assertThat(lines.get(2)).startsWith("title:");
        lines.set(2, "title: Вопрос: что должно быть в уставе");
        Files.write(charter, lines);
        return faq;
    }

    private static int editLine(Path file, String start, UnaryOperator<String> edit) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(start)) {
                lines.set(i, edit.apply(lines.get(i)));
                Files.write(file, lines);
                return i + 1;
            }
        }
        throw new AssertionError("no line starting with " + start + " in " + file);
    }

    /** A file's or a folder tree's names, sizes, modification times and contents. */
    private record Snapshot(Map<String, String> files) {
        static Snapshot of(Path path) throws IOException {
            return take(path, true);
        }

        /** Without contents, for a file the test cannot read. */
        static Snapshot meta(Path path) throws IOException {
            return take(path, false);
        }

        private static Snapshot take(Path root, boolean contents) throws IOException {
            Map<String, String> files = new java.util.TreeMap<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.toList()) {
                    FileTime mtime = Files.getLastModifiedTime(p);
                    String what = Files.isDirectory(p) ? "dir"
                            : Files.size(p) + " bytes " + (contents ? java.util.Arrays.hashCode(Files.readAllBytes(p)) : "");
                    files.put(root.relativize(p).toString(), what + " @" + mtime.toMillis());
                }
            }
            return new Snapshot(files);
        }
    }
}
