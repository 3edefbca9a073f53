package ru.tos.dutydesk.channel.vk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.testing.DeskJar;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started as its own process with only {@code VK_API_URL}, a token and a group id in the
 * environment, talks to the VK emulator: no code change, no config change. A killed process, started again,
 * answers what came in meanwhile and nothing twice.
 */
class VkJarIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long ANNA = 101;

    @TempDir
    Path dir;

    private VkApiEmulator vk;
    private DeskJar.Started desk;

    @BeforeEach
    void setUp() throws IOException {
        vk = new VkApiEmulator();
        vk.setUserName(ANNA, "Анна", "Петрова");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (desk != null && !desk.terminate(Duration.ofSeconds(15))) {
            desk.stop();
        }
        vk.close();
    }

    /** Starts the jar with the VK emulator's address, a token and a group id, and returns once it polls. */
    private DeskJar.Started startJar(String name) throws Exception {
        int polls = vk.polledTs().size();
        desk = new DeskJar(dir).start(name, Map.of(
                "VK_API_URL", vk.apiUrl(),
                "VK_GROUP_TOKEN", VkApiEmulator.TOKEN,
                "VK_GROUP_ID", String.valueOf(VkApiEmulator.GROUP_ID)), "--db", dir.resolve("desk.db").toString(), "run");
        desk.await("the desk polls VK", START, () -> vk.polledTs().size() != polls);
        return desk;
    }

    @Test
    void theJarAnswersAVkResidentAndAfterAKillResumesWithoutAnsweringTwice() throws Exception {
        DeskJar.Started first = startJar("first");
        vk.pushMessage(ANNA, "/start");
        assertThat(vk.awaitSent(ANNA, 1, WAIT).get(0).text()).startsWith("Здравствуйте!");

        first.kill(); // a crash, not a clean stop
        vk.pushMessage(ANNA, "/help");
        DeskJar.Started second = startJar("second");

        List<VkApiEmulator.Sent> sent = vk.awaitSent(ANNA, 2, WAIT);
        assertThat(sent.get(1).text()).startsWith("Как со мной говорить:");
        Thread.sleep(500);
        assertThat(vk.sentTo(ANNA)).hasSize(2);

        assertThat(second.terminate(Duration.ofSeconds(15))).as("jar exits after SIGTERM; output:\n" + second.output()).isTrue();
        // SIGTERM: the shutdown hook stops the channels
        assertThat(second.process().exitValue()).isIn(0, DeskJar.ENDED_BY_SIGTERM);
        String output = first.output() + second.output();
        assertThat(output).doesNotContain(VkApiEmulator.TOKEN).doesNotContain("Как со мной говорить");
    }
}
