package ru.tos.dutydesk.config;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A mistake in the config comes out as one line in plain words: the file, the line, the key and what is expected,
 * never a Java class name (issue 15 point 10). Each case edits one line of the shipped config.
 */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    /**
     * {@code expected} with {L}, {L-1} and {L+1} set from the line of the shipped config that holds {@code line}, so
     * the cases survive lines added to the config above them.
     */
    private static String atLineOf(String line, String expected) throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        int at = shipped.substring(0, shipped.indexOf(line)).split("\n", -1).length;
        return expected.replace("{L-1}", Integer.toString(at - 1)).replace("{L+1}", Integer.toString(at + 1))
                .replace("{L}", Integer.toString(at));
    }

    private String errorFor(String line, String replacement) throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        assertThat(shipped).contains(line);
        Path file = dir.resolve("duty-desk.yml");
        Files.writeString(file, shipped.replace(line, replacement));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file));
        assertThat(e).as("a config error").isNotNull();
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a word for a number      |  answer: 0.42            |  answer: high             | matching.answer: expected a number (like 0.42), not 'high' (line {L})
            a word for a whole one   |  knowledge-file-limit-kb: 2048 |  knowledge-file-limit-kb: big | desk.knowledge-file-limit-kb: expected a whole number, not 'big' (line {L})
            a number for a list      |  consultants: []         |  consultants: 12345       | telegram.consultants: expected a list (like [1, 2] or lines starting with «- »), not a number (line {L})
            a list for a text        |  name: Ассоциация ТОС региона | name: [a, b]       | association.name: expected a text, not a list (line {L})
            a date written the Russian way | date: 2026-12-10 | date: 10.12.2026  | desk.webinars[0].date: expected a date like 2026-12-10, not '10.12.2026' (line {L})
            """)
    void aValueOfTheWrongKindNamesTheKeyTheLineAndWhatIsExpected(String what, String line, String replacement,
                                                                   String expected) throws Exception {
        String message = errorFor(line, replacement);
        assertThat(message).isEqualTo(dir.resolve("duty-desk.yml") + ": " + atLineOf(line, expected));
        assertThat(message).doesNotContain("java").doesNotContain("Cannot deserialize").doesNotContain("`").doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown key                |  margin: 0.10   |  margin: 0.10\\n  treshold: 3 | matching.treshold: unknown key (line {L+1}): the keys of matching are answer, margin, suggest
            a key indented too far        |  suggest: 0.32  | '    suggest: 0.32'        | line {L} is indented more than line {L-1}, so YAML reads it as part of the value of matching.answer: indent it like the keys beside it
            a key indented too little     |timezone: Europe/Moscow | ' timezone: Europe/Moscow' | line {L} (timezone): not valid YAML (mapping values are not allowed here): indent it like the keys beside it, and put quotes around a value that holds «: » or starts with a special character
            a tab for indentation         |  margin: 0.10   |  margin: 0.10\\n\\tx: 1      | line {L+1} (x): not valid YAML: a tab is used for indentation; indent with spaces, not tabs
            """)
    void aMisplacedOrUnknownKeyNamesTheLineAndTheKey(String what, String line, String replacement, String expected)
            throws Exception {
        String message = errorFor(line, replacement.replace("\\n", "\n").replace("\\t", "\t"));
        assertThat(message).isEqualTo(dir.resolve("duty-desk.yml") + ": " + atLineOf(line, expected));
        assertThat(message).doesNotContain("java").doesNotContain("Cannot deserialize").doesNotContain("\n");
    }

    @org.junit.jupiter.api.Test
    void aPasswordWrittenIntoTheDatabaseUrlIsRefusedWithoutRepeatingIt() throws Exception {
        String message = errorFor("database: data/duty-desk.db", "database: jdbc:postgresql://db/desk?user=desk&password=s3cret");
        assertThat(message).contains("database: the password must not be written in the config file")
                .contains("DATABASE_PASSWORD").contains(atLineOf("database: data/duty-desk.db", "(line {L})"))
                .doesNotContain("s3cret");
    }

    @org.junit.jupiter.api.Test
    void nightlyFileBackupsOfAPostgresDatabaseAreRefusedWithWhatToDoInstead() throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        Path file = dir.resolve("duty-desk.yml");
        Files.writeString(file, shipped.replace("database: data/duty-desk.db", "database: jdbc:postgresql://db/desk")
                + "\nbackup:\n  folder: backups\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("backup: nightly copies are made of an SQLite file").contains("pg_dump");
    }

    @org.junit.jupiter.api.Test
    void aPostgresUrlIsTakenAsTheDatabase() throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        Path file = dir.resolve("duty-desk.yml");
        Files.writeString(file, shipped.replace("database: data/duty-desk.db", "database: jdbc:postgresql://db:5432/desk"));
        assertThat(new ConfigLoader(Map.of()).load(file).database())
                .isEqualTo(new ru.tos.dutydesk.store.DatabaseLocation.Postgres("jdbc:postgresql://db:5432/desk"));
    }
}
