package ru.tos.dutydesk.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.ReportFixture;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The report over conversations driven through the real desk (see {@link ReportFixture}); every expected figure
 * below is counted by hand from the fixture's story.
 */
class ReportFiguresTest {
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ReportPeriod PROJECT = new ReportPeriod(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 6, 30), MOSCOW);
    static final Map<String, Integer> TARGETS = Map.of("districts", 5, "consultations", 50, "participants", 175);

    @TempDir
    Path dir;
    ReportFixture fixture;

    @BeforeEach
    void play() {
        fixture = ReportFixture.build(dir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** 5 December 2026, 14:30 in Moscow. */
    static final Instant MADE = Instant.parse("2026-12-05T11:30:00Z");

    private Report report(ReportPeriod period) {
        return new ReportBuilder(fixture.store().reportSource(), TARGETS, ReportFixture.ASSOCIATION, fixture.titles())
                .build(period, MADE);
    }

    @Test
    void counts_match_the_hand_counted_story() {
        Report r = report(PROJECT);

        // Eve asked on 31 August (Moscow): outside the period
        assertThat(r.consultations()).isEqualTo(6);
        assertThat(r.participants()).isEqualTo(5);
        assertThat(r.byOutcome()).containsExactly(entry("ответил бот", 2L), entry("ответил консультант", 3L),
                entry("без ответа", 1L));
        assertThat(r.byChannel()).containsExactly(entry("Telegram", 4L), entry("VK", 2L));
        assertThat(r.byTopic()).containsExactly(entry("create-steps", 2L), entry("money-taxes", 1L), entry("без темы", 3L));
        assertThat(r.byDistrict()).containsExactly(entry("Первый район", 3L), entry("Второй район", 1L),
                entry("другой", 1L), entry("не указан", 1L));
        assertThat(r.byRole()).containsExactly(entry("активист ТОС", 2L), entry("житель", 1L), entry("не указана", 3L));
        assertThat(r.byMonth()).hasSize(10).containsEntry("октябрь 2026", 1L).containsEntry("ноябрь 2026", 5L)
                .containsEntry("сентябрь 2026", 0L).containsEntry("июнь 2027", 0L);
        assertThat(r.districtsCovered()).containsExactly("Второй район", "Первый район");
        // consultant first responses: Dan 10 min, Boris 30 min, Vera 2 h
        assertThat(r.responseTimes()).isEqualTo(3);
        assertThat(r.firstResponseMedian()).contains(Duration.ofMinutes(30));
        assertThat(r.firstResponseP90()).contains(Duration.ofMinutes(120));
        // Boris's unhelpful answer out of three bot answers
        assertThat(r.unhelpful()).isEqualTo(1);
        assertThat(r.botAnswered()).isEqualTo(3);
        assertThat(r.targets()).containsExactly(
                new Target("consultations", "Консультации", 6L, 50),
                new Target("participants", "Участники", 5L, 175),
                new Target("districts", "Муниципальные районы", 2L, 5));
        assertThat(r.targets().get(0).percent().text()).isEqualTo("12,0 %");
        assertThat(r.topicTitle("create-steps")).isEqualTo("Как создать ТОС");
    }

    @Test
    void the_period_is_whole_days_in_the_desk_time_zone() {
        // 2026-11-26 08:00Z is 11:00 in Moscow on the 26th: Dan only
        Report oneDay = report(new ReportPeriod(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 26), MOSCOW));
        assertThat(oneDay.consultations()).isEqualTo(1);
        assertThat(oneDay.byOutcome()).containsEntry("ответил консультант", 1L);
        assertThat(oneDay.firstResponseMedian()).contains(Duration.ofMinutes(10));

        // Eve asked at 20:30Z on 31 August: 23:30 that day in Moscow, 06:30 on 1 September in Vladivostok
        Report august = report(new ReportPeriod(LocalDate.of(2026, 8, 31), LocalDate.of(2026, 8, 31), MOSCOW));
        assertThat(august.consultations()).isEqualTo(1);
        assertThat(august.byOutcome()).containsEntry("ответил бот", 1L);
        Report inVladivostok = report(new ReportPeriod(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1), ZoneId.of("Asia/Vladivostok")));
        assertThat(inVladivostok.consultations()).as("in Vladivostok it was already 1 September").isEqualTo(1);
    }

    @Test
    void table_shows_the_same_figures() {
        String table = new TableRenderer().render(report(PROJECT));
        assertThat(table).contains("01.09.2026–30.06.2027");
        assertThat(lineWith(table, "Консультации ")).contains("6");
        assertThat(lineWith(table, "Участники ")).endsWith("5");
        assertThat(lineWith(table, "Муниципальные районы ")).contains("2 (Второй район, Первый район)");
        assertThat(lineWith(table, "медиана")).endsWith("30 мин");
        assertThat(lineWith(table, "90-й процентиль")).endsWith("2 ч 00 мин");
        assertThat(lineWith(table, "«не помогло»")).contains("33,3 %").contains("(1 из 3)");
        assertThat(lineWith(table, "  Консультации")).contains("6 / 50").contains("(12,0 %)");
        assertThat(lineWith(table, "  Участники")).contains("5 / 175").contains("(2,8 %)");
        assertThat(lineWith(table, "  Муниципальные районы")).contains("2 / 5").contains("(40,0 %)");
        assertThat(lineWith(table, "ответил консультант")).endsWith("3");
        assertThat(lineWith(table, "ноябрь 2026")).endsWith("5");
        assertThat(lineWith(table, "  VK")).endsWith("2");
    }

    @Test
    void csv_has_the_same_figures_and_opens_in_russian_excel() {
        String csv = new CsvRenderer().render(report(PROJECT));
        assertThat(csv).startsWith("\uFEFF").contains("\r\n");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : csv.substring(1).split("\r\n")) {
            List<String> f = List.of(line.split(";", -1));
            rows.put(f.get(0) + "|" + (f.size() > 1 ? f.get(1) : ""), f);
        }
        assertThat(rows.get("Итого|Консультации").get(3)).isEqualTo("6");
        assertThat(rows.get("Итого|Участники").get(3)).isEqualTo("5");
        assertThat(rows.get("Итого|Муниципальные районы").get(3)).isEqualTo("2");
        assertThat(rows.get("Исход|ответил бот").get(3)).isEqualTo("2");
        assertThat(rows.get("Исход|без ответа").get(3)).isEqualTo("1");
        assertThat(rows.get("Канал|Telegram").get(3)).isEqualTo("4");
        assertThat(rows.get("Тема|Как создать ТОС")).containsExactly("Тема", "Как создать ТОС", "create-steps", "2");
        assertThat(rows.get("Тема|без темы")).containsExactly("Тема", "без темы", "", "3");
        assertThat(rows.get("Муниципальный район|Первый район").get(3)).isEqualTo("3");
        assertThat(rows.get("Категория участника|не указана").get(3)).isEqualTo("3");
        assertThat(rows.get("Месяц|октябрь 2026").get(3)).isEqualTo("1");
        assertThat(rows.get("Первый ответ консультанта|медиана, мин").get(3)).isEqualTo("30,0");
        assertThat(rows.get("Первый ответ консультанта|90-й процентиль, мин").get(3)).isEqualTo("120,0");
        assertThat(rows.get("Ответы бота|доля «не помогло», %").get(3)).isEqualTo("33,3");
        assertThat(rows.get("Цель|Участники")).containsExactly("Цель", "Участники", "", "5", "175", "2,8");
        assertThat(rows.get("Цель|Муниципальные районы")).containsExactly("Цель", "Муниципальные районы", "", "2", "5", "40,0");
    }

    @Test
    void every_format_names_topics_by_title_and_only_the_csv_keeps_the_id_in_its_own_column() {
        Report r = report(PROJECT);
        String table = new TableRenderer().render(r);
        String chat = new PhoneTextRenderer().render(r).replace("\\", "");
        String html = new HtmlRenderer().render(r);
        assertThat(lineWith(table, "  Как создать ТОС")).endsWith("2");
        assertThat(lineWith(table, "  Платит ли ТОС налоги")).endsWith("1");
        assertThat(chat).contains("Как создать ТОС: 2").contains("Платит ли ТОС налоги: 1");
        for (String shown : List.of(table, chat, html)) {
            assertThat(shown).doesNotContain("create-steps").doesNotContain("money-taxes");
        }
        assertThat(new CsvRenderer().render(r)).contains("\r\nТема;Платит ли ТОС налоги;money-taxes;1\r\n");
    }

    @Test
    void a_topic_the_knowledge_no_longer_has_is_shown_by_its_id_rather_than_dropped() {
        Report r = new ReportBuilder(fixture.store().reportSource(), TARGETS, ReportFixture.ASSOCIATION,
                id -> id.equals("create-steps") ? Optional.of("Как создать ТОС") : Optional.empty()).build(PROJECT, MADE);
        assertThat(new TableRenderer().render(r)).contains("Как создать ТОС").contains("money-taxes");
    }

    @Test
    void html_csv_and_table_name_the_association_the_period_and_when_they_were_made() {
        Report r = report(PROJECT);
        String html = new HtmlRenderer().render(r);
        assertThat(html).contains("<title>Ассоциация ТОС «Север &amp; Юг»: отчёт онлайн-дежурной ТОС, 01.09.2026–30.06.2027</title>")
                .contains("Ассоциация: Ассоциация ТОС «Север &amp; Юг»<br>")
                .contains("Период: 01.09.2026–30.06.2027<br>")
                .contains("Сформирован: 05.12.2026 14:30</p>");

        List<String> csv = List.of(new CsvRenderer().render(r).substring(1).split("\r\n", -1));
        assertThat(csv.subList(0, 4)).containsExactly("Ассоциация;Ассоциация ТОС «Север & Юг»", "Период с;01.09.2026",
                "Период по;30.06.2027", "Сформирован;05.12.2026 14:30");
        assertThat(csv.get(4)).startsWith("Определение;\"Консультация — ");
        assertThat(csv.subList(5, 7)).containsExactly("", "Раздел;Показатель;Код темы;Значение;Цель;Выполнено, %");

        assertThat(new TableRenderer().render(r).lines().limit(2)).containsExactly(
                "Отчёт онлайн-дежурной ТОС за 01.09.2026–30.06.2027",
                "Ассоциация ТОС «Север & Юг», сформирован 05.12.2026 14:30");
    }

    @Test
    void the_chat_message_names_the_association_and_when_the_figures_were_made_under_its_title() {
        String chat = new PhoneTextRenderer().render(report(PROJECT)).replace("\\", "");
        assertThat(chat.lines().limit(3)).containsExactly("**Отчёт за 01.09.2026–30.06.2027**",
                "Ассоциация ТОС «Север & Юг»", "Сформирован: 05.12.2026 14:30");
    }

    @Test
    void table_csv_html_and_chat_round_every_percentage_alike() {
        // 5 of 175 participants is 2,857… %; 1 of 3 bot answers unhelpful is 33,33… %
        Report r = report(PROJECT);
        String table = new TableRenderer().render(r);
        // as the phone sees it, with the Markdown escapes taken out
        String chat = new PhoneTextRenderer().render(r).replace("\\", "");
        String html = new HtmlRenderer().render(r);
        String csv = new CsvRenderer().render(r);
        assertThat(lineWith(table, "  Участники")).contains("(2,8 %)");
        assertThat(chat).contains("Участники: 5 из 175 (2,8 %)").contains("«не помогло»: 33,3 % (1 из 3)");
        assertThat(html).contains("5 из 175 (2,8 %)").contains("33,3 % (1 из 3)");
        assertThat(csv).contains("Цель;Участники;;5;175;2,8\r\n").contains(";доля «не помогло», %;;33,3\r\n");
        assertThat(lineWith(table, "«не помогло»")).contains("33,3 %");
    }

    @Test
    void percentages_are_counted_exactly_and_rounded_down() {
        assertThat(new Percent(29, 100).text()).as("not 28,9 from 0.29 * 100").isEqualTo("29,0 %");
        assertThat(new Percent(2, 3).number()).contains("66,6");
        assertThat(new Percent(1999, 2000).text()).as("a goal is 100 % only once reached").isEqualTo("99,9 %");
        assertThat(new Percent(7, 5).text()).isEqualTo("140,0 %");
        assertThat(new Percent(0, 0).text()).isEqualTo("—");
    }

    @Test
    void csv_fields_with_separators_quotes_or_formulas_stay_one_harmless_cell() {
        assertThat(CsvRenderer.field("Район \"Северный\"; часть 2")).isEqualTo("\"Район \"\"Северный\"\"; часть 2\"");
        assertThat(CsvRenderer.field("две\nстроки")).isEqualTo("\"две\nстроки\"");
        assertThat(CsvRenderer.field("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(CsvRenderer.field("обычный")).isEqualTo("обычный");
    }

    @Test
    void html_is_self_contained_and_shows_the_same_figures() {
        String html = new HtmlRenderer().render(report(PROJECT));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("@import")
                .doesNotContain("url(").doesNotContain("src=");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
        assertThat(html).contains(">6 из 50 (12,0 %)<").contains(">5 из 175 (2,8 %)<").contains(">2 из 5 (40,0 %)<");
        assertThat(html).contains("<td>Консультации</td><td class=\"v\">6</td>")
                .contains("<td>Участники</td><td class=\"v\">5</td>")
                .contains("<td class=\"v\">30 мин</td>").contains("<td class=\"v\">2 ч 00 мин</td>")
                .contains("33,3 % (1 из 3)");
        // each bar chart: one bar per row, the value printed beside it
        assertThat(barValue(html, "ноябрь 2026")).isEqualTo("5");
        assertThat(barValue(html, "Telegram")).isEqualTo("4");
        assertThat(barValue(html, "Первый район")).isEqualTo("3");
        assertThat(barValue(html, "активист ТОС")).isEqualTo("2");
        assertThat(barValue(html, "Как создать ТОС")).isEqualTo("2");
        assertThat(html).doesNotContain("create-steps").doesNotContain("money-taxes");
        for (String title : List.of("Месяц", "Канал", "Тема", "Муниципальный район", "Категория участника", "Цели проекта")) {
            assertThat(html).contains("<h2>" + title + "</h2>");
        }
    }

    @Test
    void html_escapes_what_it_shows() {
        assertThat(HtmlRenderer.esc("<b>\"Рога & копыта\"</b>")).isEqualTo("&lt;b&gt;&quot;Рога &amp; копыта&quot;&lt;/b&gt;");
    }

    @Test
    void after_forget_no_row_holds_the_person_and_the_totals_hold() throws Exception {
        Report before = report(PROJECT);
        assertThat(everyStoredString()).anyMatch(s -> s.contains("Заречн"));

        fixture.forgetBoris();

        List<String> stored = everyStoredString();
        assertThat(stored).noneMatch(s -> s.contains("Борис") || s.contains("Заречн") || s.contains("Заречье")
                || s.contains(ReportFixture.BORIS.platformUserId()));
        Report after = report(PROJECT);
        assertThat(after.consultations()).isEqualTo(before.consultations());
        assertThat(after.participants()).isEqualTo(before.participants());
        assertThat(after.byOutcome()).isEqualTo(before.byOutcome());
        assertThat(after.byChannel()).isEqualTo(before.byChannel());
        assertThat(after.byTopic()).isEqualTo(before.byTopic());
        assertThat(after.byMonth()).isEqualTo(before.byMonth());
        // Boris was the only one from Второй район: the target counts it still
        assertThat(before.districtsCovered()).contains("Второй район");
        assertThat(after.districtsCovered()).isEqualTo(before.districtsCovered());
        assertThat(after.byDistrict()).isEqualTo(before.byDistrict());
        assertThat(after.byRole()).isEqualTo(before.byRole());
        assertThat(after.targets()).isEqualTo(before.targets());
        assertThat(after.firstResponseMedian()).isEqualTo(before.firstResponseMedian());
        assertThat(after.unhelpfulRate()).isEqualTo(before.unhelpfulRate());
        assertThat(new CsvRenderer().render(after) + new HtmlRenderer().render(after) + new TableRenderer().render(after))
                .doesNotContain("Борис").doesNotContain(ReportFixture.BORIS.platformUserId());
    }

    /** Every text value in every table of the database file. */
    private List<String> everyStoredString() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fixture.databaseFile().toAbsolutePath())) {
            List<String> tables = new ArrayList<>();
            try (var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                // table names come from sqlite_master, not from input
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            Optional.ofNullable(rs.getString(i)).ifPresent(out::add);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String lineWith(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + part + "' in\n" + text)).stripTrailing();
    }

    /** The number printed after the bar whose label is {@code label}. */
    private static String barValue(String html, String label) {
        int at = html.indexOf(">" + label + "</text>");
        assertThat(at).as("bar labelled " + label).isPositive();
        int rect = html.indexOf("<rect class=\"bar\"", at);
        int text = html.indexOf("<text", rect);
        int start = html.indexOf('>', text) + 1;
        return html.substring(start, html.indexOf('<', start));
    }
}
