package ru.tos.dutydesk.channel.vk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.doctor.CheckResult;
import ru.tos.dutydesk.doctor.CheckResult.Status;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** doctor's VK checks through the real VK SDK against the emulator: a correct community passes, each fault is named. */
class VkDoctorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final VkApiEmulator vk = new VkApiEmulator();

    VkDoctorIT() throws IOException {
    }

    @AfterEach
    void stop() {
        vk.close();
    }

    private List<CheckResult> run(long groupId, String token) {
        return new VkDoctor(new VkSettings(groupId, token, vk.apiUrl()), TIMEOUT).run();
    }

    private List<CheckResult> run() {
        return run(VkApiEmulator.GROUP_ID, VkApiEmulator.TOKEN);
    }

    private static CheckResult line(List<CheckResult> results, String subject) {
        return results.stream().filter(r -> r.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no line «" + subject + "» in " + results));
    }

    @Test
    void aCorrectlySetUpCommunityPassesEveryCheck() {
        List<CheckResult> results = run();

        assertThat(results).extracting(CheckResult::subject)
                .containsExactly("VK: ключ доступа", "VK: сообщения сообщества", "VK: Long Poll", "VK: типы событий");
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK));
        assertThat(line(results, "VK: ключ доступа").detail()).contains(String.valueOf(VkApiEmulator.GROUP_ID));
        assertThat(line(results, "VK: Long Poll").detail()).contains("5.199");
        // the SDK's calls, as the channel makes them
        assertThat(vk.calls("groups.getById")).isEqualTo(1);
        assertThat(vk.calls("groups.getLongPollSettings")).isEqualTo(1);
    }

    @Test
    void aRefusedTokenStopsTheVkChecksAndSaysWhereToMakeANewOne() {
        List<CheckResult> results = run(VkApiEmulator.GROUP_ID, "vk1.a.someOtherCommunityToken");

        assertThat(results).hasSize(1);
        CheckResult token = results.get(0);
        assertThat(token.status()).isEqualTo(Status.FAILED);
        assertThat(token.detail()).contains("не принял ключ").contains("5");
        assertThat(token.fix()).contains("VK_GROUP_TOKEN").contains("Ключи доступа");
        assertThat(token.toString()).doesNotContain("someOtherCommunityToken");
    }

    @Test
    void aTokenOfAnotherCommunityNamesTheRightGroupId() {
        List<CheckResult> results = run(VkApiEmulator.GROUP_ID + 1, VkApiEmulator.TOKEN);

        assertThat(results).hasSize(1);
        assertThat(results.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(0).detail()).contains("VK_GROUP_ID = " + (VkApiEmulator.GROUP_ID + 1));
        assertThat(results.get(0).fix()).contains("VK_GROUP_ID=" + VkApiEmulator.GROUP_ID);
    }

    @Test
    void communityMessagesSwitchedOffFail() {
        vk.setCommunityMessages(false);

        CheckResult messages = line(run(), "VK: сообщения сообщества");

        assertThat(messages.status()).isEqualTo(Status.FAILED);
        assertThat(messages.fix()).contains("Сообщения сообщества");
    }

    @Test
    void longPollSwitchedOffFails() {
        vk.setLongPollSettings(false, "5.199", "message_new", "message_event");

        CheckResult lp = line(run(), "VK: Long Poll");

        assertThat(lp.status()).isEqualTo(Status.FAILED);
        assertThat(lp.detail()).contains("выключен");
        assertThat(lp.fix()).contains("Long Poll API").contains("Включён");
    }

    @Test
    void anApiVersionWithoutCallbackButtonsFailsAndNamesTheVersionToChoose() {
        vk.setLongPollSettings(true, "5.92", "message_new", "message_event");

        CheckResult lp = line(run(), "VK: Long Poll");

        assertThat(lp.status()).isEqualTo(Status.FAILED);
        assertThat(lp.detail()).contains("5.92").contains("5.103");
        assertThat(lp.fix()).contains("5.199");
    }

    @Test
    void aNewerApiVersionIsAccepted() {
        vk.setLongPollSettings(true, "5.236", "message_new", "message_event");

        assertThat(line(run(), "VK: Long Poll").status()).isEqualTo(Status.OK);
    }

    @Test
    void missingButtonEventsFailAndAreNamedAsInTheSettings() {
        vk.setLongPollSettings(true, "5.199", "message_new");

        CheckResult events = line(run(), "VK: типы событий");

        assertThat(events.status()).isEqualTo(Status.FAILED);
        assertThat(events.detail()).contains("message_event").contains("Действие с сообщением")
                .doesNotContain("message_new").contains("нажатия кнопок");
    }

    @Test
    void missingIncomingMessagesFail() {
        vk.setLongPollSettings(true, "5.199", "message_event");

        CheckResult events = line(run(), "VK: типы событий");

        assertThat(events.status()).isEqualTo(Status.FAILED);
        assertThat(events.detail()).contains("message_new").contains("сообщения жителей не дойдут");
    }

    @Test
    void aTokenWithoutTheManagementRightIsAWarningWithTheSettingsToCheckByHand() {
        vk.failNext("groups.getLongPollSettings", 15, 1);

        List<CheckResult> results = run();
        CheckResult lp = line(results, "VK: Long Poll");

        assertThat(lp.status()).isEqualTo(Status.WARNING);
        assertThat(lp.fix()).contains("5.199").contains("Входящее сообщение").contains("Действие с сообщением");
        assertThat(results).noneMatch(CheckResult::failed);
    }

    @Test
    void anUnreachableApiFailsNamingTheAddress() {
        String url = vk.apiUrl();
        vk.close();

        List<CheckResult> results = run();

        assertThat(results).hasSize(1);
        assertThat(results.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(0).detail()).contains(url).contains("не ответил");
        assertThat(results.get(0).fix()).contains("VK_API_URL");
    }

    @Test
    void versionsCompareByNumberNotByText() {
        assertThat(VkDoctor.atLeast("5.103", VkDoctor.OLDEST_VERSION)).isTrue();
        assertThat(VkDoctor.atLeast("5.99", VkDoctor.OLDEST_VERSION)).isFalse();
        assertThat(VkDoctor.atLeast("6.0", VkDoctor.OLDEST_VERSION)).isTrue();
        assertThat(VkDoctor.atLeast("", VkDoctor.OLDEST_VERSION)).isFalse();
    }
}
