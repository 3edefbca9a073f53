package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.testing.TestStores;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** A resident's follow-ups that wait unsent for the consultants' chat go there as one post, and /forget erases them. */
class FollowUpPostsTest extends DeskHarnessTest {
    private final Person anna = resident("1001");

    private List<OutboundMessage> followUpPosts() {
        return h.sentTo(CONSULTANTS).stream().filter(m -> m.markdown().startsWith("Дополн")).toList();
    }

    @Test
    void followUpsWaitingUnsentGoAsOnePostWithTheNewestLastAndOneNoticeToTheResident() {
        h.says(anna, "вопрос про забор");
        String card = h.cardIdOf(1);
        h.says(anna, "забор общий");
        h.says(anna, "стоит десять лет");
        h.says(anna, "соседи против");

        List<OutboundMessage> posts = followUpPosts();
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).markdown()).startsWith("Дополнения (3) к обращению №1 от Житель 1001:")
                .containsSubsequence("забор общий", "стоит десять лет", "соседи против");
        assertThat(posts.get(0).replyToMessageId()).isEqualTo(card);
        assertThat(h.sentTo(chatOf(anna)).stream().filter(m -> m.markdown().startsWith("Добавила это"))).hasSize(1);
    }

    @Test
    void aFollowUpAfterThePostLeftStartsANewOneHeldAMinuteAfterThePreviousWhileOtherPostsPass() {
        h.says(anna, "вопрос про забор");
        h.cardIdOf(1);
        h.says(anna, "забор общий");
        h.deliver(); // the first follow-up goes at once
        h.says(anna, "стоит десять лет");
        h.says(resident("2002"), "вопрос про крышу"); // another ticket's card, queued after the held post

        List<OutboxItem> due = h.store.outbox().due(Channel.TELEGRAM, h.clock.instant(), 100);
        assertThat(due).extracting(i -> i.message().markdown())
                .anySatisfy(t -> assertThat(t).contains("вопрос про крышу"))
                .noneSatisfy(t -> assertThat(t).contains("стоит десять лет"));
        h.clock.advance(Duration.ofSeconds(61));
        assertThat(h.store.outbox().due(Channel.TELEGRAM, h.clock.instant(), 100)).extracting(i -> i.message().markdown())
                .anySatisfy(t -> assertThat(t).contains("стоит десять лет"));
    }

    @Test
    void forgetErasesFollowUpsThatWaitUnsentAndTheirQuotes() throws SQLException {
        String secret = "Перепелиная улица";
        h.says(anna, "вопрос про забор");
        h.says(anna, "живу: " + secret + ", дом 5");
        h.says(anna, "и ещё раз: " + secret);
        h.says(anna, "/forget");
        Choice yes = h.read(tx -> tx.choicesOfLastMessageTo(chatOf(anna))).get(0);
        h.taps(anna, yes);

        try (Connection c = TestStores.rawConnection(dir.resolve("desk.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox WHERE markdown LIKE '%Перепелиная%'"
                     + " OR coalesce(followup_quotes, '') LIKE '%Перепелиная%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
