package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.report.Report;
import ru.tos.dutydesk.report.ReportBuilder;
import ru.tos.dutydesk.report.ReportPeriod;
import ru.tos.dutydesk.report.TopicTitles;

import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;

/**
 * A person who writes from Telegram and from VK is two participants until they link the accounts themselves with
 * a code; then one. Nothing is matched by a guess.
 */
class AccountLinkingTest extends DeskHarnessTest {

    private long participants() {
        LocalDate today = LocalDate.ofInstant(h.clock.instant(), DeskHarness.MOSCOW);
        Report r = new ReportBuilder(h.store.reportSource(), DeskHarness.TARGETS, "ТОС", TopicTitles.unknown())
                .build(new ReportPeriod(today, today, DeskHarness.MOSCOW), h.clock.instant());
        return r.participants();
    }

    private String codeFrom(Person p) {
        Matcher m = Pattern.compile("`(\\d{6})`").matcher(h.lastTo(chatOf(p)).markdown());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void twoAccountsCountOnceOnlyAfterTheirOwnerLinksThem() {
        Person telegram = new Person(Channel.TELEGRAM, "501", "Анна Петрова");
        Person vk = new Person(Channel.VK, "501", "Анна Петрова");   // same name and id: still not guessed
        h.says(telegram, "как зарегистрировать тос в минюсте");
        h.says(vk, "сколько стоит регистрация тос");
        assertThat(participants()).isEqualTo(2);

        h.says(telegram, "/link");
        String code = codeFrom(telegram);
        h.says(vk, "/link 000000".equals("/link " + code) ? "/link 000001" : "/link 000000");
        assertThat(h.lastTo(chatOf(vk)).markdown()).startsWith("Код не подходит");
        assertThat(participants()).isEqualTo(2);

        h.says(telegram, "/link");
        String fresh = codeFrom(telegram);
        h.says(vk, "/link " + fresh);
        assertThat(h.lastTo(chatOf(vk)).markdown()).startsWith("Готово: аккаунты связаны");
        assertThat(participants()).isEqualTo(1);
        // a code is used once
        h.says(vk, "/link " + fresh);
        assertThat(h.lastTo(chatOf(vk)).markdown()).startsWith("Код не подходит");

        // a third account joins the same person through either of the two
        Person email = new Person(Channel.EMAIL, "anna@example.org", "Анна");
        h.says(email, "нужна ли тосу печать");
        assertThat(participants()).isEqualTo(2);
        h.says(vk, "/link");
        h.says(email, "/link " + codeFrom(vk));
        assertThat(participants()).isEqualTo(1);
    }

    @Test
    void aCodeExpiresAfterHalfAnHourAndCannotLinkAnAccountToItself() {
        Person telegram = DeskHarness.resident("601");
        Person vk = new Person(Channel.VK, "602", "Пётр");
        h.says(telegram, "/link");
        String code = codeFrom(telegram);
        h.says(telegram, "/link " + code);
        assertThat(h.lastTo(chatOf(telegram)).markdown()).startsWith("Этот код выдан этому же аккаунту");

        h.says(telegram, "/link");
        String late = codeFrom(telegram);
        h.clock.advance(Duration.ofMinutes(31));
        h.says(vk, "/link " + late);
        assertThat(h.lastTo(chatOf(vk)).markdown()).startsWith("Код не подходит");
    }
}
