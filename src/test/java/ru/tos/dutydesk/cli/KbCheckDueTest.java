package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kb check --due}: the entries due for review, one line each, and an exit code a cron job can use. */
class KbCheckDueTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run kbCheckDue(Path config, String... more) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] args = new String[4 + more.length];
            System.arraycopy(new String[]{"--config", config.toString(), "--faq", dir.resolve("faq").toString()}, 0, args, 0, 4);
            System.arraycopy(more, 0, args, 4, more.length);
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private void entry(String group, String id, String reviewed, String source) throws IOException {
        Path file = dir.resolve("faq").resolve(group).resolve(id + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                ---
                id: %s
                title: Вопрос %s
                questions:
                  - как быть с %s
                tags: [тест]
                sources:
                  - %s
                reviewed: %s
                ---
                Ответ.
                """.formatted(id, id, id, source, reviewed));
    }

    private void laws() throws IOException {
        Files.createDirectories(dir.resolve("faq"));
        Files.writeString(dir.resolve("faq/laws.yml"), """
                laws:
                  - id: 33-ФЗ
                    title: Закон 33
                    link: http://publication.pravo.gov.ru/document/0001202503200023
                    status: in-force
                  - id: 131-ФЗ
                    title: Закон 131
                    link: https://www.consultant.ru/document/cons_doc_LAW_44571/
                    status: expiring
                    until: 2027-03-01
                    replaced-by: 33-ФЗ
                """);
    }

    /** The shipped config with {@code knowledge:} set as given (or left out when null). */
    private Path config(String knowledgeSection) throws IOException {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        Path config = dir.resolve("duty-desk.yml");
        Files.writeString(config, knowledgeSection == null ? shipped : shipped + "\nknowledge:\n" + knowledgeSection + "\n");
        return config;
    }

    @Test
    void listsOldAndLawBoundEntriesByFileIdAndWhyAndExitsOne() throws IOException {
        laws();
        entry("basics", "old-answer", "2025-10-01", "33-ФЗ, ст. 50");
        entry("basics", "fresh", "2026-11-01", "33-ФЗ, ст. 50");
        entry("legal", "on-old-law", "2026-11-01", "131-ФЗ, ст. 27");

        Run run = kbCheckDue(config(null), "kb", "check", "--due", "--on", "2026-12-06");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines().toList()).containsExactly(
                Path.of("basics", "old-answer.md") + ": old-answer «Вопрос old-answer»: reviewed 2025-10-01, 14 months ago",
                Path.of("legal", "on-old-law.md") + ": on-old-law «Вопрос on-old-law»: cites 131-ФЗ, which loses force on "
                        + "2027-03-01 (in 85 days); replaced by 33-ФЗ",
                "2 entries due for review on 2026-12-06 (entries reviewed 12 months ago or more (knowledge.review-every),"
                        + " or citing a law that changes status by 2027-03-06)");
    }

    @Test
    void nothingDueSaysOkAndExitsZero() throws IOException {
        laws();
        entry("basics", "fresh", "2026-11-01", "33-ФЗ, ст. 50");
        entry("legal", "on-old-law", "2026-11-01", "131-ФЗ, ст. 27");

        Run run = kbCheckDue(config(null), "kb", "check", "--due", "--on", "2026-10-01");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("ok: nothing due for review on 2026-10-01");
    }

    @Test
    void theConfiguredReviewPeriodDecides() throws IOException {
        laws();
        entry("basics", "half-year", "2026-05-01", "33-ФЗ, ст. 50");

        assertThat(kbCheckDue(config(null), "kb", "check", "--due", "--on", "2026-12-06").code()).isZero();
        Run run = kbCheckDue(config("  review-every: 180 days"), "kb", "check", "--due", "--on", "2026-12-06");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("half-year «Вопрос half-year»: reviewed 2026-05-01, 7 months ago");
    }

    @Test
    void anAmbiguousReviewPeriodIsRefusedNamingTheKey() throws IOException {
        laws();
        entry("basics", "fresh", "2026-11-01", "33-ФЗ, ст. 50");

        Run run = kbCheckDue(config("  review-every: 12m"), "kb", "check", "--due");

        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("knowledge.review-every: '12m' is not a period like 12 months, 180 days or 1 year");
    }
}
