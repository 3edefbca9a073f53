package ru.tos.dutydesk.channel.vk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    private Process process;

    @BeforeEach
    void setUp() throws IOException {
        vk = new VkApiEmulator();
        vk.setUserName(ANNA, "Анна", "Петрова");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        stop(process);
        vk.close();
    }

    private Process startJar(String logName) throws Exception {
        Path jar = Path.of("target", "tos-duty-desk.jar");
        assertThat(jar).as("the shaded jar is built by `package` before the integration tests").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString(), "--db", dir.resolve("desk.db").toString(), "run");
        Map<String, String> env = pb.environment();
        env.remove("TELEGRAM_BOT_TOKEN");
        env.put("VK_API_URL", vk.apiUrl());
        env.put("VK_GROUP_TOKEN", VkApiEmulator.TOKEN);
        env.put("VK_GROUP_ID", String.valueOf(VkApiEmulator.GROUP_ID));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile());
        int polls = vk.polledTs().size();
        Process p = pb.start();
        long deadline = System.nanoTime() + START.toNanos();
        while (vk.polledTs().size() == polls) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the desk did not start polling VK; its output:\n" + log(logName));
            }
            Thread.sleep(50);
        }
        return p;
    }

    private String log(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "(no output)";
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theJarAnswersAVkResidentAndAfterAKillResumesWithoutAnsweringTwice() throws Exception {
        process = startJar("first.log");
        vk.pushMessage(ANNA, "/start");
        assertThat(vk.awaitSent(ANNA, 1, WAIT).get(0).text()).startsWith("Здравствуйте!");

        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // a crash, not a clean stop
        vk.pushMessage(ANNA, "/help");
        process = startJar("second.log");

        List<VkApiEmulator.Sent> sent = vk.awaitSent(ANNA, 2, WAIT);
        assertThat(sent.get(1).text()).startsWith("Как со мной говорить:");
        Thread.sleep(500);
        assertThat(vk.sentTo(ANNA)).hasSize(2);

        stop(process);
        assertThat(process.exitValue()).isIn(0, 143); // SIGTERM: the shutdown hook stops the channels
        String output = log("first.log") + log("second.log");
        assertThat(output).doesNotContain(VkApiEmulator.TOKEN).doesNotContain("Как со мной говорить");
    }
}
