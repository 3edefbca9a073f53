package ru.tos.dutydesk.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.doctor.CheckResult.Status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** doctor's local lines: knowledge, disk, clock, and the checklist's summary and exit code. */
class LocalChecksTest {
    @TempDir
    Path dir;

    private static Map<String, String> placeholders() {
        return new ConfigLoader(Map.of()).load(Path.of("config", "duty-desk.yml")).placeholders();
    }

    private static List<String> requiredTopics() throws IOException {
        try (InputStream in = LocalChecksTest.class.getResourceAsStream("/required-topics.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private Path faqCopy() throws IOException {
        Path target = dir.resolve("faq");
        try (Stream<Path> files = Files.walk(Path.of("faq"))) {
            for (Path f : files.toList()) {
                Path to = target.resolve(Path.of("faq").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }

    @Test
    void theProjectsKnowledgePasses() throws IOException {
        CheckResult r = new KnowledgeFilesCheck(Path.of("faq"), placeholders(), requiredTopics()).run();

        assertThat(r.status()).as(r.toString()).isIn(Status.OK, Status.WARNING);
        assertThat(r.detail()).contains("обязательные темы (" + requiredTopics().size() + ")");
    }

    @Test
    void aBrokenKnowledgeFileFailsNamingTheFile() throws IOException {
        Path faq = faqCopy();
        Path broken;
        try (Stream<Path> files = Files.walk(faq)) {
            broken = files.filter(f -> f.toString().endsWith(".md")).findFirst().orElseThrow();
        }
        Files.writeString(broken, "---\nid: [unclosed\n---\nтекст\n");

        CheckResult r = new KnowledgeFilesCheck(faq, placeholders(), requiredTopics()).run();

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains(broken.getFileName().toString()).contains("дежурная не запустится");
        assertThat(r.fix()).contains("kb check");
    }

    @Test
    void aMissingRequiredTopicFails() throws IOException {
        List<String> topics = Stream.concat(requiredTopics().stream(), Stream.of("no-such-topic")).toList();

        CheckResult r = new KnowledgeFilesCheck(Path.of("faq"), placeholders(), topics).run();

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.detail()).contains("no-such-topic");
    }

    @Test
    void diskSpaceIsJudgedAgainstBothLimits() {
        Path db = dir.resolve("data").resolve("desk.db");

        assertThat(new DiskSpaceCheck(db, 0, 0).run().status()).isEqualTo(Status.OK);
        CheckResult low = new DiskSpaceCheck(db, Long.MAX_VALUE, 0).run();
        assertThat(low.status()).isEqualTo(Status.WARNING);
        assertThat(low.detail()).contains(dir.toString()).contains("МБ");
        CheckResult full = new DiskSpaceCheck(db, Long.MAX_VALUE, Long.MAX_VALUE).run();
        assertThat(full.status()).isEqualTo(Status.FAILED);
        assertThat(full.fix()).contains("освободите место");
    }

    @Test
    void theClockIsShownInTheConfiguredZone() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T07:30:00Z"), ZoneOffset.UTC);

        CheckResult r = new ClockCheck(clock, ZoneId.of("Europe/Moscow"), null).run();

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.detail()).contains("Europe/Moscow").contains("UTC+03:00").contains("07.12.2026 10:30")
                .contains("UTC 07.12.2026 07:30");
    }

    @Test
    void aClockYearsBehindFails() {
        Clock clock = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);

        CheckResult r = new ClockCheck(clock, ZoneId.of("Europe/Moscow"), null).run();

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.fix()).contains("синхронизацию времени");
    }

    @Test
    void theChecklistPrintsFixesAndExitsOneOnlyOnFailures() {
        Checklist warnings = new Checklist();
        warnings.add(CheckResult.ok("База данных", "в порядке"));
        warnings.add(CheckResult.warning("Место на диске", "мало", "освободите место"));
        assertThat(warnings.exitCode()).isZero();

        Checklist failing = new Checklist();
        failing.addAll(warnings.results());
        failing.add(CheckResult.failed("VK: Long Poll", "выключен", "включите Long Poll"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        failing.print(new PrintWriter(bytes, true, StandardCharsets.UTF_8));

        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsSubsequence(
                "[ОК] База данных: в порядке",
                "[ПРЕДУПРЕЖДЕНИЕ] Место на диске: мало",
                "    Что сделать: освободите место",
                "[ОШИБКА] VK: Long Poll: выключен",
                "    Что сделать: включите Long Poll");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("ошибок 1, предупреждений 1");
    }
}
