package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.telegram.emulator.Button;
import ru.tos.dutydesk.channel.telegram.emulator.SentDocument;
import ru.tos.dutydesk.channel.telegram.emulator.SentMessage;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.ConsultationSlot;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.DeskTexts;
import ru.tos.dutydesk.desk.EventCalendar;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.desk.UserRecord;
import ru.tos.dutydesk.desk.Webinar;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.report.CoordinatorFigures;
import ru.tos.dutydesk.report.PeriodArgument;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.testing.MutableClock;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webinars and video consultations end to end (issue 20): the real telegrambots client against the emulator, the
 * real desk and SQLite, the desk's time on an injected clock. Registration and cancel with capacity, the .ics file,
 * both reminders across restarts, one slot tapped by two people at once, attendance marking, and /announce to 1,000
 * people within Telegram's 30 messages a second (counted on the rate limiter's own injected clock).
 */
class TelegramEventsIT {
    private static final String TOKEN = "555000:EVENTS-token";
    private static final long GROUP = -1002000000020L;
    private static final TgUser NINA = new TgUser(6001, "Нина", "Координатор", "nina");
    private static final TgUser OLGA = new TgUser(5001, "Ольга", "Консультант", "olga");
    private static final TgUser ANNA = TgUser.of(4001, "Анна");
    private static final TgUser PETR = TgUser.of(4002, "Пётр");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Thursday 17 December 2026, 18:00 in Moscow. */
    private static final Instant START = Instant.parse("2026-12-17T15:00:00Z");
    private static final Webinar GRANTS = new Webinar("grants-2027", "Гранты для ТОС в 2027 году: как подать заявку, отчитаться и не ошибиться",
            START, Duration.ofMinutes(90), "https://example.org/w/grants", 1);
    private static final ConsultationSlot SLOT = ConsultationSlot.of("Мария Иванова", START.plus(Duration.ofDays(1)),
            Duration.ofMinutes(30), "https://example.org/room-maria");

    @TempDir
    Path dir;
    private TelegramBotApiEmulator tg;
    private SqlStore store;
    private TelegramChannel channel;
    private Desk desk;
    private final MutableClock clock = new MutableClock(START.minus(Duration.ofDays(3)));
    /** The rate limiter's time: its sleeper moves it on instead of sleeping, so pacing is measured, not waited for. */
    private final MutableClock limiterTime = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() {
        tg = TelegramBotApiEmulator.start(TOKEN);
        tg.registerGroup(GROUP, "Консультанты");
        open();
    }

    private void open() {
        store = SqlStore.open(dir.resolve("desk.db"));
        DeskSettings settings = new DeskSettings(
                new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX, MOSCOW),
                Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3),
                Optional.of(new Address(Channel.TELEGRAM, String.valueOf(GROUP))),
                Set.of(String.valueOf(OLGA.id())), Set.of(String.valueOf(NINA.id())), List.of("Первый район"),
                DeskTexts.defaultTexts());
        Knowledge nothingKnown = new Knowledge(new KnowledgeBase(List.of(), Synonyms.none()), q -> MatchResult.escalate(),
                new IntentDetector());
        EventCalendar events = new EventCalendar(List.of(GRANTS), List.of(SLOT));
        desk = new Desk(store, nothingKnown, settings, clock, new CoordinatorFigures(store.reportSource(),
                java.util.Map.of("participants", 175), new PeriodArgument(MOSCOW, java.time.LocalDate.of(2026, 9, 1),
                java.time.LocalDate.of(2027, 6, 30)), "Ассоциация ТОС «Север»", TopicTitles.unknown()).withEvents(events));
        desk.enableEvents(events);
    }

    private void startChannel() {
        TelegramSettings ts = TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.of(GROUP)).withTimings(
                Duration.ofSeconds(1), Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)),
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(50), Duration.ofMillis(300)), Duration.ofMillis(200));
        // Telegram's overall limit (30 a second) on the limiter's own clock, whose sleeper moves it on: the pace of
        // /announce is measured on it, not waited for. The limit per private chat is lifted here: waiting for it
        // goes by the sender's clock, which this test holds still (it is tested in ConsultantsChatPacingTest)
        TelegramRateLimiter limiter = new TelegramRateLimiter(limiterTime, limiterTime::advance,
                new TelegramRateLimiter.Limit(1000, Duration.ofSeconds(1)), new TelegramRateLimiter.Limit(20, Duration.ofMinutes(1)),
                new TelegramRateLimiter.Limit(TelegramSettings.TELEGRAM_MESSAGES_PER_SECOND, Duration.ofSeconds(1)));
        channel = new TelegramChannel(ts, desk, store.outbox(),
                (item, reason) -> desk.deliveryGivenUp(item.message().to(), reason), clock, limiter);
        desk.onOutbox(channel.outboxSignal());
        channel.start();
    }

    /** Stops the channel and closes the database, as a process that ends would. */
    private void stopAll() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @AfterEach
    void stop() {
        stopAll();
        if (tg != null) {
            tg.close();
        }
    }

    private SentMessage await(long chatId, Predicate<SentMessage> wanted) throws InterruptedException {
        try {
            return tg.awaitSent(chatId, wanted, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; calls: " + tg.callLog().stream()
                    .map(c -> c.method() + " " + c.chatId()).distinct().toList() + "; refused: " + tg.refusedCalls(), e);
        }
    }

    private static Predicate<SentMessage> starts(String prefix) {
        return m -> m.text().startsWith(prefix);
    }

    private static Button button(SentMessage m, String labelStart) {
        return m.buttons().stream().filter(b -> b.text().startsWith(labelStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no button «" + labelStart + "…» under: " + m.text() + " " + m.buttons()));
    }

    private void press(TgUser who, SentMessage on, Button b) {
        tg.pushCallback(who.id(), who, on.messageId(), b.callbackData());
    }

    private long count(long chatId, String prefix) {
        return tg.sentTo(chatId).stream().filter(m -> m.text().startsWith(prefix)).count();
    }

    private SentMessage list(TgUser who) throws InterruptedException {
        int before = tg.sentTo(who.id()).size();
        tg.pushText(who, "вебинары");
        return await(who.id(), m -> m.text().startsWith("📅") && tg.sentTo(who.id()).indexOf(m) >= before);
    }

    @Test
    void aResidentRegistersGetsTheLinkAndACalendarFileCancelsAndThePlaceGoesToTheNext() throws Exception {
        startChannel();
        SentMessage list = list(ANNA);
        assertThat(list.text()).contains("чт 17.12 18:00").contains("Свободных мест: 1 из 1");
        press(ANNA, list, button(list, "✍ Записаться"));

        SentMessage confirmed = await(ANNA.id(), starts("✅ Вы записаны на вебинар"));
        assertThat(confirmed.text()).contains("четверг, 17 декабря, 18:00 (по московскому времени)")
                .contains("https://example.org/w/grants").contains("Напомню за день и за час");
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (tg.documentsTo(ANNA.id()).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        SentDocument ics = tg.documentsTo(ANNA.id()).get(0);
        assertThat(ics.fileName()).isEqualTo("webinar-grants-2027.ics");
        String unfolded = ics.text().replace("\r\n ", "");
        assertThat(unfolded).contains("DTSTART:20261217T150000Z").contains("DTEND:20261217T163000Z")
                .contains("SUMMARY:Гранты для ТОС в 2027 году: как подать заявку\\, отчитаться и не ошибиться");

        // a question for the hosts goes to the consultants' chat, and is not a consultation
        tg.pushText(ANNA, "Вопрос к вебинару: можно ли подать заявку, если ТОС без юрлица?");
        await(ANNA.id(), starts("Передала ваш вопрос ведущим вебинара «Гранты"));
        SentMessage forHosts = await(GROUP, starts("❓ Вопрос к вебинару «Гранты"));
        assertThat(forHosts.text()).contains("от Анна (Telegram)").contains("можно ли подать заявку, если ТОС без юрлица?");
        assertThat(store.reportSource().consultations(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).isEmpty();

        // the only place is taken: Пётр sees no button to register, and a stale tap is told it is full
        SentMessage petrList = list(PETR);
        assertThat(petrList.text()).contains("Мест нет");
        assertThat(petrList.buttons()).noneMatch(b -> b.text().startsWith("✍"));
        tg.pushCallback(PETR.id(), PETR, petrList.messageId(), "e:1:grants-2027");
        await(PETR.id(), starts("К сожалению, на вебинар"));

        // Анна cancels; the place is free again and Пётр takes it
        press(ANNA, confirmed, button(confirmed, "✖ Отменить"));
        await(ANNA.id(), starts("Запись на вебинар «Гранты"));
        SentMessage again = list(PETR);
        press(PETR, again, button(again, "✍ Записаться"));
        await(PETR.id(), starts("✅ Вы записаны на вебинар"));
        List<String> registered = store.inTransaction(tx -> tx.eventBook().registrations("grants-2027").stream()
                .map(s -> s.name()).toList());
        assertThat(registered).containsExactly("Пётр");
    }

    @Test
    void bothRemindersGoExactlyOnceAcrossRestarts() throws Exception {
        startChannel();
        SentMessage list = list(ANNA);
        press(ANNA, list, button(list, "✍ Записаться"));
        await(ANNA.id(), starts("✅ Вы записаны"));

        // the channel stops; the desk queues the day reminder and the process ends before it is sent
        channel.close();
        channel = null;
        clock.set(START.minus(Duration.ofHours(23)));
        desk.runMaintenance();
        desk.runMaintenance();
        stopAll();
        assertThat(count(ANNA.id(), "⏰")).isZero();

        // after the restart the queued reminder goes, and the next ticks do not queue it again
        open();
        startChannel();
        await(ANNA.id(), starts("⏰ Напоминаю: вебинар «Гранты"));
        clock.advance(Duration.ofMinutes(10));
        desk.runMaintenance();

        // an hour before: the hour reminder, queued once whatever the restarts around it
        clock.set(START.minus(Duration.ofMinutes(59)));
        desk.runMaintenance();
        stopAll();
        open();
        desk.runMaintenance();
        startChannel();
        SentMessage hour = await(ANNA.id(), starts("⏰ Через час: вебинар «Гранты"));
        assertThat(hour.text()).contains("https://example.org/w/grants");
        clock.set(START.minus(Duration.ofMinutes(5)));
        desk.runMaintenance();
        // a probe sent after the reminders: once it arrives, everything queued before it has been sent
        tg.pushText(ANNA, "/start");
        await(ANNA.id(), m -> !m.text().startsWith("⏰") && tg.sentTo(ANNA.id()).indexOf(m) > tg.sentTo(ANNA.id()).indexOf(hour));
        assertThat(count(ANNA.id(), "⏰ Напоминаю")).isEqualTo(1);
        assertThat(count(ANNA.id(), "⏰ Через час")).isEqualTo(1);
    }

    @Test
    void twoPeopleTapOneSlotAtOnceAndExactlyOneGetsItBothAreReminded() throws Exception {
        startChannel();
        List<SentMessage> slotLists = new ArrayList<>();
        for (TgUser who : List.of(ANNA, PETR)) {
            SentMessage list = list(who);
            press(who, list, button(list, "🎥 Видеоконсультация"));
            slotLists.add(await(who.id(), starts("🎥 Свободное время")));
        }
        Button annaSlot = button(slotLists.get(0), "пт 18.12 18:00 — Мария Иванова");
        Button petrSlot = button(slotLists.get(1), "пт 18.12 18:00 — Мария Иванова");
        assertThat(annaSlot.callbackData()).isEqualTo(petrSlot.callbackData());
        // both taps wait in the same poll
        press(ANNA, slotLists.get(0), annaSlot);
        press(PETR, slotLists.get(1), petrSlot);

        SentMessage annaAnswer = await(ANNA.id(), m -> m.text().startsWith("✅ Вы записаны на видео") || m.text().startsWith("Это время только что заняли"));
        SentMessage petrAnswer = await(PETR.id(), m -> m.text().startsWith("✅ Вы записаны на видео") || m.text().startsWith("Это время только что заняли"));
        List<String> outcomes = new ArrayList<>(List.of(annaAnswer.text().substring(0, 5), petrAnswer.text().substring(0, 5)));
        Collections.sort(outcomes);
        assertThat(outcomes).containsExactly("Это в", "✅ Вы ");
        SentMessage told = await(GROUP, starts("🎥 Запись на видеоконсультацию"));
        assertThat(told.text()).contains("Мария Иванова").contains(annaAnswer.text().startsWith("✅") ? "Анна" : "Пётр");
        TgUser winner = annaAnswer.text().startsWith("✅") ? ANNA : PETR;

        clock.set(SLOT.start().minus(Duration.ofMinutes(50)));
        desk.runMaintenance();
        desk.runMaintenance();
        await(winner.id(), starts("⏰ Через час: видеоконсультация"));
        SentMessage groupReminder = await(GROUP, starts("⏰ Через час: видеоконсультация"));
        assertThat(groupReminder.text()).contains("Мария Иванова").contains("https://example.org/room-maria");
        assertThat(count(GROUP, "⏰")).isEqualTo(1);
    }

    @Test
    void aCoordinatorMarksWhoCameWithButtonsAndSeesItInEvents() throws Exception {
        startChannel();
        SentMessage list = list(ANNA);
        press(ANNA, list, button(list, "✍ Записаться"));
        await(ANNA.id(), starts("✅ Вы записаны"));

        tg.pushText(NINA, "/attendance grants-2027");
        await(NINA.id(), starts("Вебинар «Гранты"));   // not started yet
        tg.pushText(PETR, "/events");
        await(PETR.id(), starts("Эта команда доступна только консультантам"));

        clock.set(START.plus(Duration.ofHours(2)));
        tg.pushText(NINA, "/attendance grants-2027");
        SentMessage marking = await(NINA.id(), starts("Кто пришёл"));
        assertThat(marking.text()).contains("Отмечено 0 из 1");
        press(NINA, marking, button(marking, "▫ Анна"));
        await(NINA.id(), starts("✅ Анна — пришёл(ла)"));

        tg.pushGroupText(GROUP, OLGA, "/events", null);
        SentMessage overview = await(GROUP, starts("📅 Вебинары"));
        assertThat(overview.text()).contains("записались 1 из 1, пришли 1").contains("Анна (Telegram) ✅");

        // the coordinator's figures count the webinar against the target of five, and Анна among the participants
        tg.pushText(NINA, "/stats");
        SentMessage stats = await(NINA.id(), starts("Отчёт за"));
        assertThat(stats.text()).contains("Вебинары проведены: 1 из 5 (20,0 %)").contains("Участники: 1 из 175")
                .contains("17.12.2026 Гранты для ТОС в 2027 году: как подать заявку, отчитаться и не ошибиться: записались 1, пришли 1")
                .contains("Видеоконсультации проведены (отмечены «Состоялась»): 0");
    }

    /** What the bot sends to {@code chatId} after {@code text} is pushed by {@code who}, matching {@code wanted}. */
    private SentMessage reply(long chatId, Runnable push, Predicate<SentMessage> wanted) throws InterruptedException {
        int before = tg.sentTo(chatId).size();
        push.run();
        return await(chatId, m -> wanted.test(m) && tg.sentTo(chatId).indexOf(m) >= before);
    }

    private Optional<ru.tos.dutydesk.desk.EventBook.HeldMark> mark() {
        return store.inTransaction(tx -> tx.eventBook().heldMark(SLOT.id()));
    }

    private String stats() throws InterruptedException {
        return reply(NINA.id(), () -> tg.pushText(NINA, "/stats"), starts("Отчёт за")).text().replace("\\", "");
    }

    @Test
    void aBookedConsultationCountsOnlyOnceAConsultantMarksItHeldAndAStrangersTapIsRefused() throws Exception {
        startChannel();
        SentMessage list = list(ANNA);
        press(ANNA, list, button(list, "🎥 Видеоконсультация"));
        SentMessage slots = await(ANNA.id(), starts("🎥 Свободное время"));
        press(ANNA, slots, button(slots, "пт 18.12 18:00 — Мария Иванова"));
        await(ANNA.id(), starts("✅ Вы записаны на видеоконсультацию"));

        // its time has come, but nobody has said it took place: not counted, shown as waiting for a mark
        clock.set(SLOT.start().plus(Duration.ofMinutes(10)));
        String before = stats();
        assertThat(before).contains("Видеоконсультации проведены (отмечены «Состоялась»): 0")
                .contains("Видеоконсультации ждут отметки (не в счёт): 1").contains("Участники: 0 из 175");
        SentMessage overview = reply(NINA.id(), () -> tg.pushText(NINA, "/events"), starts("📅 Вебинары"));
        assertThat(overview.text().replace("\\", "")).contains("пт 18.12 18:00 Мария Иванова — Анна (Telegram): ждёт отметки");
        button(overview, "Отметить: пт 18.12 18:00 Анна");

        // at its end the consultants' chat is asked, once, across a restart
        clock.set(SLOT.end().plus(Duration.ofMinutes(1)));
        desk.runMaintenance();
        desk.runMaintenance();
        stopAll();
        open();
        desk.runMaintenance();
        startChannel();
        SentMessage asked = await(GROUP, starts("🎥 Видеоконсультация пт 18.12 18:00"));
        assertThat(asked.text().replace("\\", "")).contains("Мария Иванова — Анна (Telegram) — состоялась?");

        // a stranger in the chat may not mark it
        tg.pushCallback(GROUP, PETR, asked.messageId(), button(asked, "✅ Состоялась").callbackData());
        await(GROUP, starts("Эта команда доступна только консультантам"));
        assertThat(mark()).isEmpty();

        // the consultant marks it held: counted, and Анна is a participant
        SentMessage marked = reply(GROUP, () -> tg.pushCallback(GROUP, OLGA, asked.messageId(),
                button(asked, "✅ Состоялась").callbackData()), starts("✅ Видеоконсультация"));
        assertThat(marked.text()).contains("состоялась").contains("Отметил(а): Ольга");
        assertThat(mark()).hasValueSatisfying(h -> {
            assertThat(h.held()).isTrue();
            assertThat(h.by()).isEqualTo("telegram:" + OLGA.id());
        });
        assertThat(stats()).contains("Видеоконсультации проведены (отмечены «Состоялась»): 1")
                .contains("Видеоконсультации ждут отметки (не в счёт): 0").contains("Участники: 1 из 175");

        // a coordinator changes the mark from /events: another tap replaces it
        SentMessage again = reply(NINA.id(), () -> tg.pushText(NINA, "/events"), starts("📅 Вебинары"));
        assertThat(again.text()).contains("✅ состоялась");
        SentMessage question = reply(NINA.id(), () -> press(NINA, again, button(again, "Изменить: пт 18.12 18:00 Анна")),
                starts("🎥 Видеоконсультация"));
        assertThat(question.text()).contains("Сейчас отмечена: ✅ состоялась");
        reply(NINA.id(), () -> press(NINA, question, button(question, "✖ Не состоялась")), starts("✖ Видеоконсультация"));
        assertThat(stats()).contains("Видеоконсультации проведены (отмечены «Состоялась»): 0")
                .contains("Видеоконсультации не состоялись: 1").contains("Участники: 0 из 175");
        assertThat(count(GROUP, "🎥 Видеоконсультация")).as("the question at the end goes once").isEqualTo(1);
    }

    @Test
    void anAnnouncementReachesAThousandOptedInPeopleAtTelegramsRate() throws Exception {
        int people = 1000;
        store.inTransaction(tx -> {
            for (int i = 0; i < people; i++) {
                tg.startedEarlier(TgUser.of(700000 + i, "Житель " + i));
                UserRecord u = tx.upsertUser(new Person(Channel.TELEGRAM, String.valueOf(700000 + i), "Житель " + i), clock.instant());
                tx.eventBook().setSubscribed(u.id(), new Address(Channel.TELEGRAM, String.valueOf(700000 + i)), true, clock.instant());
            }
            return null;
        });
        List<Instant> announcedAt = Collections.synchronizedList(new ArrayList<>());
        tg.onBotMessage(m -> {
            if (m.text().startsWith("📣 Вебинар")) {
                announcedAt.add(limiterTime.instant());
            }
        });
        startChannel();
        // Анна did not opt in: she gets nothing
        tg.pushText(ANNA, "привет");
        tg.pushText(NINA, "/announce grants-2027");
        await(NINA.id(), starts("📣 Анонс «Гранты"));

        long deadline = System.currentTimeMillis() + Duration.ofMinutes(3).toMillis();
        while (announcedAt.size() < people && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(announcedAt).as("announcements delivered").hasSize(people);
        assertThat(tg.callLog().stream().filter(c -> c.method().equals("sendmessage") && c.chatId() != null
                && c.chatId().startsWith("7")).map(c -> c.chatId()).distinct().count()).isEqualTo(people);
        assertThat(count(ANNA.id(), "📣")).isZero();
        // never more than 30 in any second of the limiter's clock, so 1,000 take at least 33 seconds
        List<Instant> times = new ArrayList<>(announcedAt);
        Collections.sort(times);
        for (int i = 30; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 30), times.get(i))).as("31 sends within one second at #" + i)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(Duration.between(times.get(0), times.get(people - 1))).isGreaterThanOrEqualTo(Duration.ofSeconds(33));
        // a second /announce of the same webinar is refused unless asked for again on purpose
        tg.pushText(NINA, "/announce grants-2027");
        await(NINA.id(), starts("Анонс «Гранты") );
    }
}
