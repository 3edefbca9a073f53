package ru.tos.dutydesk.channel.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.DeskTexts;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.store.SqlStore;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal chat as a resident types it: a line, then the number of a choice once it is shown. */
class ConsoleChatTest {
    private static final String FIRST = "Соберите инициативную группу жителей.";
    private static final String REST = "Проведите учредительное собрание и примите устав.";

    @TempDir
    Path dir;

    @Test
    void theNumberedMoreChoicePrintsTheRestOfTheAnswer() throws Exception {
        Entry steps = new Entry("create-steps", "Как создать ТОС", List.of("как создать тос"), List.of(),
                List.of("131-ФЗ, ст. 27"), LocalDate.of(2026, 11, 1), FIRST + "\n\n" + REST, Path.of("create-steps.md"));
        Knowledge knowledge = new Knowledge(new KnowledgeBase(List.of(steps), Synonyms.none()),
                q -> q.contains("создать")
                        ? new MatchResult(Decision.ANSWER, List.of(new Candidate("create-steps", steps.title(), 0.9)))
                        : MatchResult.escalate(),
                new IntentDetector());
        DeskSettings settings = new DeskSettings(
                new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX, ZoneId.of("Europe/Moscow")),
                Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3), Optional.empty(), Set.of(), Set.of(),
                List.of(), DeskTexts.defaultTexts());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PipedWriter typing = new PipedWriter();
        BufferedReader in = new BufferedReader(new PipedReader(typing));
        try (SqlStore store = SqlStore.open(dir.resolve("console.db"))) {
            Desk desk = new Desk(store, knowledge, settings, Clock.systemUTC());
            ConsoleChat chat = new ConsoleChat(desk, store.outbox(), in,
                    new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC());
            Thread running = new Thread(() -> {
                try {
                    chat.run();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "console-chat-test");
            running.start();

            typing.write("как создать тос?\n");
            typing.flush();
            String answer = awaitPrinted(printed, "3) Нет");
            assertThat(answer).contains(FIRST).contains("1) Подробнее").contains("2) Да").doesNotContain(REST);

            typing.write("1\n");
            typing.flush();
            String after = awaitPrinted(printed, REST).substring(answer.length());
            assertThat(after).contains(REST).contains("Источник: 131-ФЗ, ст. 27").contains("1) Да").contains("2) Нет");

            typing.write("выход\n");
            typing.close();
            running.join(10_000);
            assertThat(store.reportSource().consultations(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                    .as("«Подробнее» is no consultation of its own").hasSize(1);
        }
    }

    /** All printed so far, once it contains {@code text}. */
    private static String awaitPrinted(ByteArrayOutputStream printed, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String out = printed.toString(StandardCharsets.UTF_8);
            if (out.contains(text)) {
                return out;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never printed «" + text + "»:\n" + printed.toString(StandardCharsets.UTF_8));
    }
}
