package ru.tos.dutydesk.channel.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.telegram.emulator.TelegramBotApiEmulator;
import ru.tos.dutydesk.channel.telegram.emulator.TgUser;
import ru.tos.dutydesk.doctor.CheckResult;
import ru.tos.dutydesk.doctor.CheckResult.Status;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * doctor's Telegram checks through the real telegrambots client against the emulator: a correct set-up passes, and
 * each fault (token, chat, the bot's rights, a consultant outside the chat, the sample chat id) is named with a fix.
 */
class TelegramDoctorIT {
    private static final String TOKEN = "555000111:DOCTOR-secret";
    private static final long CHAT = -1_005_000_000_001L;
    private static final TgUser CONSULTANT = new TgUser(8101, "Анна", "Смирнова", null);
    private static final TgUser SECOND_CONSULTANT = new TgUser(8102, "Олег", "Иванов", null);
    private static final TgUser COORDINATOR = new TgUser(8201, "Мария", "Котова", null);

    private final TelegramBotApiEmulator tg = TelegramBotApiEmulator.start(TOKEN);

    TelegramDoctorIT() {
        tg.registerGroup(CHAT, "Консультанты ТОС");
        tg.setGroupMember(CHAT, CONSULTANT, "member");
        tg.setGroupMember(CHAT, SECOND_CONSULTANT, "administrator");
        tg.setGroupMember(CHAT, COORDINATOR, "member");
    }

    @AfterEach
    void stop() {
        tg.close();
    }

    private List<CheckResult> run(String token, Optional<Long> chat) {
        TelegramSettings settings = TelegramSettings.defaults(token, tg.apiUrl(), chat);
        return new TelegramDoctor(settings, Set.of(String.valueOf(CONSULTANT.id()), String.valueOf(SECOND_CONSULTANT.id())),
                Set.of(String.valueOf(COORDINATOR.id())), Duration.ofSeconds(5)).run();
    }

    private List<CheckResult> run() {
        return run(TOKEN, Optional.of(CHAT));
    }

    private static CheckResult line(List<CheckResult> results, String subjectStart) {
        return results.stream().filter(r -> r.subject().startsWith(subjectStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no line «" + subjectStart + "» in " + results));
    }

    @Test
    void aCorrectSetUpPassesWithOneLinePerCheck() {
        List<CheckResult> results = run();

        assertThat(results).noneMatch(CheckResult::failed);
        assertThat(results).extracting(CheckResult::subject).containsExactly(
                "Telegram: токен", "Telegram: режим приватности", "Telegram: группа консультантов", "Telegram: бот в группе",
                "Telegram: консультант 8101 (Анна Смирнова)", "Telegram: консультант 8102 (Олег Иванов)",
                "Telegram: координатор 8201 (Мария Котова)");
        assertThat(line(results, "Telegram: токен").detail()).contains("@" + tg.botUsername());
        assertThat(line(results, "Telegram: группа консультантов").detail()).contains("Консультанты ТОС");
        assertThat(results.toString()).doesNotContain(TOKEN);
        assertThat(tg.calls("sendMessage")).as("doctor only reads").isZero();
    }

    @Test
    void privacyModeOnIsExplainedNotFailed() {
        CheckResult privacy = line(run(), "Telegram: режим приватности");

        assertThat(privacy.status()).isEqualTo(Status.INFO);
        assertThat(privacy.detail()).contains("ответы на свои сообщения").contains("ответ на карточку")
                .contains("/answer");
    }

    @Test
    void privacyModeOffIsFine() {
        tg.setPrivacyMode(false);

        CheckResult privacy = line(run(), "Telegram: режим приватности");

        assertThat(privacy.status()).isEqualTo(Status.OK);
        assertThat(privacy.detail()).contains("все сообщения");
    }

    @Test
    void aRefusedTokenIsTheOnlyTelegramLineAndPointsToBotFather() {
        List<CheckResult> results = run("555000111:WRONG-secret", Optional.of(CHAT));

        assertThat(results).hasSize(1);
        assertThat(results.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(0).detail()).contains("401");
        assertThat(results.get(0).fix()).contains("@BotFather").contains("TELEGRAM_BOT_TOKEN");
        assertThat(results.toString()).doesNotContain("WRONG-secret");
    }

    @Test
    void anUnreachableBotApiFailsNamingTheAddress() {
        String url = tg.apiUrl();
        tg.close();

        List<CheckResult> results = run();

        assertThat(results).hasSize(1);
        assertThat(results.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(0).detail()).contains(url);
        assertThat(results.get(0).fix()).contains("TELEGRAM_API_URL");
    }

    @Test
    void theSampleChatIdFromTheShippedConfigFailsNamingTheKey() {
        List<CheckResult> results = run(TOKEN, Optional.of(TelegramDoctor.PLACEHOLDER_CHAT_ID));
        CheckResult chat = line(results, "Telegram: группа консультантов");

        assertThat(chat.status()).isEqualTo(Status.FAILED);
        assertThat(chat.detail()).contains("telegram.consultants-chat-id").contains("пример");
        assertThat(tg.calls("getChat")).as("no call about a chat that exists nowhere").isZero();
    }

    @Test
    void noChatConfiguredFails() {
        CheckResult chat = line(run(TOKEN, Optional.empty()), "Telegram: группа консультантов");

        assertThat(chat.status()).isEqualTo(Status.FAILED);
        assertThat(chat.fix()).contains("telegram.consultants-chat-id");
    }

    @Test
    void aChatTheBotCannotSeeIsNotFound() {
        List<CheckResult> results = run(TOKEN, Optional.of(-1_005_000_000_999L));
        CheckResult chat = line(results, "Telegram: группа консультантов");

        assertThat(chat.status()).isEqualTo(Status.FAILED);
        assertThat(chat.detail()).contains("chat not found").contains("не состоит");
        assertThat(chat.fix()).contains("добавьте бота");
        assertThat(results).noneMatch(r -> r.subject().startsWith("Telegram: консультант"));
    }

    @Test
    void aBotKickedFromTheChatIsTold() {
        tg.setBotStatus(CHAT, "kicked");

        CheckResult chat = line(run(), "Telegram: группа консультантов");

        assertThat(chat.status()).isEqualTo(Status.FAILED);
        assertThat(chat.detail()).contains("удалили");
    }

    @Test
    void aBotThatIsNotAMemberOfAPublicGroupFails() {
        tg.makeGroupPublic(CHAT);
        tg.setBotStatus(CHAT, "left");

        List<CheckResult> results = run();

        assertThat(line(results, "Telegram: группа консультантов").status()).isEqualTo(Status.OK);
        CheckResult bot = line(results, "Telegram: бот в группе");
        assertThat(bot.status()).isEqualTo(Status.FAILED);
        assertThat(bot.detail()).contains("не состоит");
        assertThat(bot.fix()).contains("добавьте бота");
    }

    @Test
    void aRestrictedBotThatMayNotWriteFails() {
        tg.restrictBot(CHAT, false);

        CheckResult bot = line(run(), "Telegram: бот в группе");

        assertThat(bot.status()).isEqualTo(Status.FAILED);
        assertThat(bot.detail()).contains("запрещено писать");
        assertThat(bot.fix()).contains("администратором");
    }

    @Test
    void aRestrictedBotThatMayWriteIsFine() {
        tg.restrictBot(CHAT, true);

        assertThat(line(run(), "Telegram: бот в группе").status()).isEqualTo(Status.OK);
    }

    @Test
    void aPlainMemberBotInAGroupWhereMembersMayNotWriteFails() {
        tg.setMembersMayWrite(CHAT, false);

        CheckResult bot = line(run(), "Telegram: бот в группе");

        assertThat(bot.status()).isEqualTo(Status.FAILED);
        assertThat(bot.detail()).contains("запрещено писать");
    }

    @Test
    void anAdministratorBotMayWriteEvenWhereMembersMayNot() {
        tg.setMembersMayWrite(CHAT, false);
        tg.setBotStatus(CHAT, "administrator");

        assertThat(line(run(), "Telegram: бот в группе").status()).isEqualTo(Status.OK);
    }

    @Test
    void aConsultantOutsideTheChatFailsAndTheOthersStillPass() {
        tg.setGroupMember(CHAT, CONSULTANT, "left");

        List<CheckResult> results = run();

        CheckResult absent = line(results, "Telegram: консультант 8101");
        assertThat(absent.status()).isEqualTo(Status.FAILED);
        assertThat(absent.detail()).contains("не состоит").contains("карточек заявок");
        assertThat(absent.fix()).contains("telegram.consultants");
        assertThat(line(results, "Telegram: консультант 8102").status()).isEqualTo(Status.OK);
    }

    @Test
    void aConsultantKickedFromTheChatFails() {
        tg.setGroupMember(CHAT, SECOND_CONSULTANT, "kicked");

        CheckResult kicked = line(run(), "Telegram: консультант 8102");

        assertThat(kicked.status()).isEqualTo(Status.FAILED);
        assertThat(kicked.detail()).contains("удалён");
    }

    @Test
    void aCoordinatorOutsideTheChatIsOnlyAWarning() {
        tg.setGroupMember(CHAT, COORDINATOR, "left");

        List<CheckResult> results = run();
        CheckResult coordinator = line(results, "Telegram: координатор 8201");

        assertThat(coordinator.status()).isEqualTo(Status.WARNING);
        assertThat(coordinator.detail()).contains("личном чате");
        assertThat(results).noneMatch(CheckResult::failed);
    }

    @Test
    void noConsultantsConfiguredFails() {
        TelegramSettings settings = TelegramSettings.defaults(TOKEN, tg.apiUrl(), Optional.of(CHAT));
        List<CheckResult> results = new TelegramDoctor(settings, Set.of(), Set.of(), Duration.ofSeconds(5)).run();

        CheckResult consultants = line(results, "Telegram: консультанты");
        assertThat(consultants.status()).isEqualTo(Status.FAILED);
        assertThat(consultants.fix()).contains("telegram.consultants");
        assertThat(line(results, "Telegram: координаторы").status()).isEqualTo(Status.INFO);
    }
}
