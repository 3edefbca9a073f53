package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.testing.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.STRANGER;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** What residents write never reaches the log: a forgotten person must not live on in log files. */
class MessageTextNotLoggedTest extends DeskHarnessTest {
    private static final String SECRET = "Перепелкина";

    @Test
    void neitherHandledNorRefusedMessagesLogTheirText() {
        Person anna = resident("1001");
        try (LogCapture log = LogCapture.start()) {
            h.says(anna, "Как зарегистрировать ТОС? Пишет " + SECRET);
            h.says(anna, "/take 1 " + SECRET);
            h.says(anna, "/answer 1 " + SECRET);
            h.says(anna, "Дополнение: " + SECRET + ", дом 5");
            h.inConsultantsChat(STRANGER, "/answer 1 " + SECRET, null);
            h.inConsultantsChat(STRANGER, SECRET, h.cardIdOf(1));
            h.inConsultantsChat(CONSULTANT, "/answer 99 " + SECRET, null);
            h.inConsultantsChat(CONSULTANT, "Ответ для " + SECRET, h.cardIdOf(1));
            h.says(anna, "/forget");
            h.deliver();

            assertThat(log.refusals()).as("the refusals were logged").isNotEmpty();
            assertThat(log.text()).doesNotContain(SECRET);
        }
    }
}
