package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.telegram.emulator.Fault;
import ru.tos.dutydesk.channel.telegram.emulator.SentDocument;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.DeskTexts;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.ReportFixture;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.report.ConsultationFact;
import ru.tos.dutydesk.report.CoordinatorFigures;
import ru.tos.dutydesk.report.PeriodArgument;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.store.SqlStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coordinators' /stats and /export end to end: the real telegrambots poller and client against the emulator, the
 * real desk and report over the conversations of {@link ReportFixture}, whose figures are counted by hand in
 * {@code ReportFiguresTest}.
 */
class TelegramCoordinatorIT {
    private static final String TOKEN = "555000:STATS-token";
    private static final long GROUP = -1002000000077L;
    private static final TgUser NINA = new TgUser(6001, "Нина", "Координатор", "nina");
    private static final TgUser OLGA = new TgUser(5001, "Ольга", "Консультант", "olga");
    private static final TgUser PETR = TgUser.of(4002, "Пётр");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** The fixture's topics as its knowledge calls them (this desk itself knows nothing). */
    private static final TopicTitles TOPIC_TITLES = id -> Optional.ofNullable(
            Map.of("create-steps", "Как создать ТОС", "money-taxes", "Платит ли ТОС налоги").get(id));
    private static final Map<String, Integer> TARGETS = Map.of("consultations", 50, "participants", 175, "districts", 5);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private TelegramBotApiEmulator tg;
    private SqlStore store;
    private TelegramChannel channel;

    @BeforeEach
    void start() {
        Path db;
        try (ReportFixture fixture = ReportFixture.build(dir)) {
            db = fixture.databaseFile();
        }
        tg = TelegramBotApiEmulator.start(TOKEN);
        tg.registerGroup(GROUP, "Консультанты");
        store = SqlStore.open(db);
        DeskSettings settings = new DeskSettings(
                new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX, MOSCOW),
                Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3),
                Optional.of(new Address(Channel.TELEGRAM, String.valueOf(GROUP))),
                Set.of(String.valueOf(OLGA.id())), Set.of(String.valueOf(NINA.id())), List.of("Первый район", "Второй район"),
                DeskTexts.defaultTexts());
        Knowledge nothingKnown = new Knowledge(new KnowledgeBase(List.of(), Synonyms.none()), q -> MatchResult.escalate(),
                new IntentDetector());
        Desk desk = new Desk(store, nothingKnown, settings, Clock.systemUTC(), new CoordinatorFigures(store.reportSource(),
                TARGETS, new PeriodArgument(MOSCOW, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 6, 30)),
                "Ассоциация ТОС «Север»", TOPIC_TITLES));
        TelegramSettings ts = TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.of(GROUP)).withTimings(
                Duration.ofSeconds(1), Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)),
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)), Duration.ofMillis(200));
        channel = new TelegramChannel(ts, desk, store.outbox(),
                (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason), Clock.systemUTC());
        desk.onOutbox(channel.outboxSignal());
        channel.start();
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.close();
        }
        if (store != null) {
            store.close();
        }
        if (tg != null) {
            tg.close();
        }
    }

    private SentMessage awaitMessage(long chatId, Predicate<SentMessage> wanted) throws InterruptedException {
        return tg.awaitSent(chatId, wanted, WAIT);
    }

    private List<SentDocument> awaitDocuments(long chatId, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline && tg.documentsTo(chatId).size() < count) {
            Thread.sleep(25);
        }
        return tg.documentsTo(chatId);
    }

    private List<ConsultationFact> allConsultations() {
        return store.reportSource().consultations(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void aCoordinatorGetsTheHandCountedFiguresAsShortLines() throws Exception {
        tg.pushText(NINA, "/stats");

        SentMessage figures = awaitMessage(NINA.id(), m -> m.text().startsWith("Отчёт за"));
        assertThat(figures.parseMode()).isEqualToIgnoringCase("html");
        assertThat(figures.text().lines()).contains("Отчёт за 01.09.2026–30.06.2027",
                "Консультации: 6 из 50 (12,0 %)", "Участники: 5 из 175 (2,8 %)", "Муниципальные районы: 2 из 5 (40,0 %)",
                "Консультации: 6", "Участники: 5", "Районы: 2", "— Второй район", "— Первый район",
                "медиана: 30 мин", "90-й процентиль: 2 ч 00 мин", "учтено ответов: 3", "«не помогло»: 33,3 % (1 из 3)",
                "ответил бот: 2", "ответил консультант: 3", "без ответа: 1", "октябрь 2026: 1", "ноябрь 2026: 5",
                "Telegram: 4", "VK: 2", "Как создать ТОС: 2", "Платит ли ТОС налоги: 1", "без темы: 3",
                "Первый район: 3", "Второй район: 1", "другой: 1", "не указан: 1",
                "активист ТОС: 2", "житель: 1", "не указана: 3");
        assertThat(figures.text().lines()).allMatch(l -> l.length() <= 45, "short lines for a phone");
        assertThat(figures.raw()).contains("<b>Цели</b>");
        assertThat(tg.documents()).isEmpty();
    }

    @Test
    void helpShowsTheReportCommandsToTheCoordinatorAndNotToAResidentOrAConsultant() throws Exception {
        int consultationsBefore = allConsultations().size();
        tg.pushText(NINA, "/help");
        tg.pushText(PETR, "/help");
        tg.pushGroupText(GROUP, OLGA, "/help@" + tg.botUsername(), null);

        SentMessage nina = awaitMessage(NINA.id(), m -> m.text().startsWith("Как со мной говорить"));
        assertThat(nina.parseMode()).isEqualToIgnoringCase("html");
        assertThat(nina.text().lines()).contains("• /stats [период] — цифры проекта в сравнении с целями;",
                "• /stats — весь период проекта;", "• /stats месяц — текущий месяц (или month);",
                "• /stats 2026-10-01..2026-10-31 — с какого по какое число.");
        assertThat(nina.text()).contains("• /export [период] — ");
        SentMessage petr = awaitMessage(PETR.id(), m -> m.text().startsWith("Как со мной говорить"));
        assertThat(petr.text()).contains("/human").doesNotContain("/stats").doesNotContain("/export");
        SentMessage olga = awaitMessage(GROUP, m -> m.text().startsWith("Команды консультанта"));
        assertThat(olga.text()).contains("/take N").doesNotContain("/stats").doesNotContain("/export");
        assertThat(allConsultations()).hasSize(consultationsBefore);
    }

    @Test
    void aCoordinatorInTheConsultantsChatGetsTheMonthThere() throws Exception {
        tg.pushGroupText(GROUP, NINA, "/stats@" + tg.botUsername() + " 2026-10", null);

        SentMessage figures = awaitMessage(GROUP, m -> m.text().startsWith("Отчёт за"));
        assertThat(figures.text().lines()).contains("Отчёт за 01.10.2026–31.10.2026", "Консультации: 1", "Участники: 1",
                "ответил бот: 1");
        assertThat(figures.replyTo()).isNotNull();
    }

    @Test
    void exportDeliversTheSpreadsheetAndThePageWithCharts() throws Exception {
        tg.pushText(NINA, "/export");

        List<SentDocument> docs = awaitDocuments(NINA.id(), 2);
        assertThat(docs).extracting(SentDocument::fileName)
                .containsExactly("tos-report_2026-09-01_2027-06-30.csv", "tos-report_2026-09-01_2027-06-30.html");

        byte[] csvBytes = docs.get(0).bytes();
        assertThat(Arrays.copyOf(csvBytes, 3)).as("UTF-8 byte order mark for Excel")
                .containsExactly(0xEF, 0xBB, 0xBF);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : new String(csvBytes, StandardCharsets.UTF_8).substring(1).split("\r\n")) {
            List<String> f = List.of(line.split(";", -1));
            rows.put(f.get(0) + "|" + (f.size() > 1 ? f.get(1) : ""), f);
        }
        assertThat(rows.get("Ассоциация|Ассоциация ТОС «Север»")).isNotNull();
        assertThat(rows.get("Тема|Как создать ТОС")).containsExactly("Тема", "Как создать ТОС", "create-steps", "2");
        assertThat(rows.get("Итого|Консультации").get(3)).isEqualTo("6");
        assertThat(rows.get("Итого|Участники").get(3)).isEqualTo("5");
        assertThat(rows.get("Итого|Муниципальные районы").get(3)).isEqualTo("2");
        assertThat(rows.get("Исход|ответил консультант").get(3)).isEqualTo("3");
        assertThat(rows.get("Цель|Консультации")).containsExactly("Цель", "Консультации", "", "6", "50", "12,0");
        assertThat(rows.get("Цель|Муниципальные районы")).containsExactly("Цель", "Муниципальные районы", "", "2", "5", "40,0");

        String html = docs.get(1).text();
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script");
        assertThat(html).contains(">6 из 50 (12,0 %)<").contains(">2 из 5 (40,0 %)<")
                .contains("Ассоциация ТОС «Север»").contains(">Как создать ТОС</text>");
        for (String chart : List.of("Месяц", "Канал", "Тема", "Муниципальный район", "Категория участника")) {
            assertThat(html).contains("<h2>" + chart + "</h2>\n<svg");
        }
        assertThat(docs.get(0).caption()).contains("01.09.2026–30.06.2027").contains("Excel");
    }

    @Test
    void aFailedUploadIsRetriedAndEachFileArrivesOnce() throws Exception {
        tg.inject("sendDocument", Fault.tooManyRequests(1), 1);
        tg.inject("sendDocument", Fault.serverError(), 1);
        tg.pushText(NINA, "/export месяц");

        List<SentDocument> docs = awaitDocuments(NINA.id(), 2);
        Thread.sleep(500); // a duplicate would come right behind
        assertThat(tg.documentsTo(NINA.id())).extracting(SentDocument::fileName).hasSize(2)
                .allMatch(n -> n.startsWith("tos-report_")).doesNotHaveDuplicates();
        assertThat(docs.get(0).text()).startsWith("\uFEFF");
        assertThat(tg.calls("sendDocument")).isEqualTo(4);
    }

    @Test
    void someoneWhoIsNotACoordinatorIsRefusedAndGetsNoFiguresNorFiles() throws Exception {
        int consultationsBefore = allConsultations().size();
        tg.pushText(PETR, "/stats");
        tg.pushText(PETR, "/export");
        tg.pushGroupText(GROUP, OLGA, "/export", null);

        awaitMessage(PETR.id(), m -> m.text().contains("только координаторам"));
        awaitMessage(GROUP, m -> m.text().contains("только координаторам"));
        tg.pushText(NINA, "/stats неделя");
        awaitMessage(NINA.id(), m -> m.text().startsWith("Отчёт за"));
        // everything sent before Nina's answer has been sent: Пётр got refusals only
        List<SentMessage> toPetr = awaitAll(PETR.id(), 2);
        assertThat(toPetr).hasSize(2).allMatch(m -> m.text().contains("только координаторам"));
        assertThat(tg.sentTo(GROUP)).noneMatch(m -> m.text().contains("Консультации"));
        assertThat(tg.documents()).isEmpty();
        // asking for figures is not a question: no ticket, no card, nothing counted
        assertThat(tg.sentTo(GROUP)).noneMatch(m -> m.text().contains("Обращение №"));
        assertThat(allConsultations()).hasSize(consultationsBefore);
    }

    private List<SentMessage> awaitAll(long chatId, int count) {
        return tg.awaitSentTo(chatId, count, WAIT);
    }
}
