package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.store.SqlStore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Known conversations driven through the real desk, for the report's tests. Every figure the report should
 * show is worked out by hand in {@code ReportFiguresTest}; the comments here say what each conversation adds.
 */
public final class ReportFixture implements AutoCloseable {
    /** Names, ids and words that appear nowhere but in what these people said or are called. */
    public static final Person ANNA = new Person(Channel.TELEGRAM, "700001", "Анна Приозёрная");
    public static final Person BORIS = new Person(Channel.TELEGRAM, "700002", "Борис Заречный");
    public static final Person VERA = new Person(Channel.VK, "700003", "Вера Луговая");
    public static final Person GLEB = new Person(Channel.VK, "700004", "Глеб Ольховский");
    public static final Person DAN = new Person(Channel.TELEGRAM, "700005", "Данила Боровой");
    public static final Person EVE = new Person(Channel.TELEGRAM, "700006", "Ева Августовская");
    /** The association the reports are made for (with an {@code &} every format has to escape). */
    public static final String ASSOCIATION = DeskHarness.ASSOCIATION;
    public static final String BORIS_QUESTION = "как создать тос в посёлке Заречье";

    private final DeskHarness h;

    private ReportFixture(DeskHarness h) {
        this.h = h;
    }

    public static ReportFixture build(Path dir) {
        DeskHarness h = new DeskHarness(dir);
        ReportFixture f = new ReportFixture(h);
        try {
            f.play();
        } catch (RuntimeException | Error e) {
            h.close();
            throw e;
        }
        return f;
    }

    /** What the fixture's topics are called in its knowledge. */
    public ru.tos.dutydesk.report.TopicTitles titles() {
        return ru.tos.dutydesk.report.TopicTitles.of(h.desk.knowledge().base());
    }

    public SqlStore store() {
        return h.store;
    }

    public Path databaseFile() {
        return h.store.file().orElseThrow();
    }

    private void play() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.script(BORIS_QUESTION, Decision.ANSWER, "create-steps");
        h.script("платит ли тос налоги", Decision.ANSWER, "money-taxes");
        h.script("чем пахнет в Августовке", Decision.ANSWER, "money-taxes");

        // before the period (Moscow 2026-08-31 23:30): counted nowhere
        h.clock.set(Instant.parse("2026-08-31T20:30:00Z"));
        h.says(EVE, "чем пахнет в Августовке");

        // October, Telegram: a helpful bot answer; Anna then gives Первый район, активист ТОС
        h.clock.set(Instant.parse("2026-10-14T07:00:00Z"));
        h.says(ANNA, "как создать тос");
        h.taps(ANNA, h.button(DeskHarness.chatOf(ANNA), "Да"));
        answerProfile(ANNA, 0, 0);

        // November, Telegram: the bot's answer did not help; a consultant replies to the card after 30 min
        h.clock.set(Instant.parse("2026-11-25T09:00:00Z"));
        h.says(BORIS, BORIS_QUESTION);
        h.taps(BORIS, h.button(DeskHarness.chatOf(BORIS), "Нет"));
        long borisTicket = 1;
        h.clock.advance(Duration.ofMinutes(30));
        h.inConsultantsChat(DeskHarness.CONSULTANT, "Начните с собрания жителей, Борис.", h.cardIdOf(borisTicket));
        answerProfile(BORIS, 1, 1); // Второй район, житель

        // November, VK: straight to a consultant, a follow-up joins the ticket, answered 2 h after it opened
        h.clock.set(Instant.parse("2026-11-25T10:00:00Z"));
        h.says(VERA, "сосед Луговой сверлит по ночам");
        h.clock.advance(Duration.ofMinutes(20));
        h.says(VERA, "и собака лает у Луговых");
        h.clock.advance(Duration.ofMinutes(100));
        h.inConsultantsChat(DeskHarness.CONSULTANT, "/answer 2 Это вопрос к участковому.", null);
        answerProfile(VERA, 2, -1); // другой район, role skipped

        // November, VK: escalated, never answered
        h.clock.set(Instant.parse("2026-11-25T11:00:00Z"));
        h.says(GLEB, "где взять печать для ольховского тос");

        // November, Telegram: answered by a consultant in 10 min; Первый район, role skipped
        h.clock.set(Instant.parse("2026-11-26T08:00:00Z"));
        h.says(DAN, "как оформить протокол боровского собрания");
        h.clock.advance(Duration.ofMinutes(10));
        h.inConsultantsChat(DeskHarness.CONSULTANT, "/answer 4 Протокол подписывают председатель и секретарь.", null);
        answerProfile(DAN, 0, -1);

        // November, Telegram: Anna's second question, answered by the bot, no reaction
        h.clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        h.says(ANNA, "платит ли тос налоги");
        h.deliver();
    }

    /** Taps the district (list index) and role (list index, -1 to skip) in the profile questions. */
    private void answerProfile(Person who, int district, int role) {
        OutboundMessage districtQuestion = lastWithChoice(who, "d:");
        h.taps(who, districtQuestion.choices().get(district));
        OutboundMessage roleQuestion = lastWithChoice(who, "r:");
        List<Choice> roles = roleQuestion.choices();
        h.taps(who, role >= 0 ? roles.get(role) : roles.get(roles.size() - 1));
    }

    private OutboundMessage lastWithChoice(Person who, String prefix) {
        List<OutboundMessage> sent = h.sentTo(DeskHarness.chatOf(who));
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).choices().stream().anyMatch(c -> c.data().startsWith(prefix))) {
                return sent.get(i);
            }
        }
        throw new AssertionError("no message with " + prefix + " choices to " + who.displayName());
    }

    /** What the desk sends back when the coordinator writes {@code text} in a private chat. */
    public List<OutboundMessage> coordinatorSays(String text) {
        Address chat = DeskHarness.chatOf(DeskHarness.COORDINATOR);
        int before = h.sentTo(chat).size();
        h.says(DeskHarness.COORDINATOR, text);
        List<OutboundMessage> all = h.sentTo(chat);
        return all.subList(before, all.size());
    }

    /** Boris asks to be forgotten and confirms. */
    public void forgetBoris() {
        h.clock.set(Instant.parse("2026-11-28T09:00:00Z"));
        h.says(BORIS, "/forget");
        h.taps(BORIS, h.lastTo(DeskHarness.chatOf(BORIS)).choices().get(0));
        h.deliver();
    }

    @Override
    public void close() {
        h.close();
    }
}
