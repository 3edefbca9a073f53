package ru.tos.dutydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped systemd unit is one systemd accepts, runs the desk through scripts/run (the memory flags) as a
 * dedicated user, and takes its secrets from an environment file only.
 */
class ServiceUnitTest {

    private static final Path UNIT = Path.of("deploy/tos-duty-desk.service");

    @Test
    void systemdAcceptsTheUnitWithTheCheckoutAsItsFolder(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Path unit = dir.resolve("tos-duty-desk.service");
        Files.writeString(unit, atCheckout(Files.readString(UNIT)));

        Verification ok = verify(unit);

        assertThat(ok.output()).isEmpty();
        assertThat(ok.exitCode()).isZero();
    }

    @Test
    void theVerificationWouldCatchABrokenUnit(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Path unit = dir.resolve("tos-duty-desk.service");
        Files.writeString(unit, atCheckout(Files.readString(UNIT)).replace("scripts/run run", "scripts/missing run")
                .replace("TimeoutStopSec=", "TimeoutStopSeconds="));

        Verification broken = verify(unit);

        assertThat(broken.output()).contains("scripts/missing").contains("TimeoutStopSeconds");
    }

    @Test
    void theDeskRunsAsItsOwnUserWithSecretsOutsideTheUnit() throws IOException {
        List<String> lines = Files.readAllLines(UNIT);

        assertThat(lines).contains("User=tosdesk", "EnvironmentFile=/etc/tos-duty-desk/env",
                "ExecStart=/opt/tos-duty-desk/scripts/run run", "Restart=on-failure", "KillSignal=SIGTERM");
        assertThat(lines).noneMatch(l -> l.startsWith("Environment=") && l.contains("TOKEN"));
        assertThat(Files.readString(Path.of("deploy/env.example"))).containsPattern("(?m)^TELEGRAM_BOT_TOKEN=$");
    }

    private static String atCheckout(String unit) {
        return unit.replace("/opt/tos-duty-desk", Path.of("").toAbsolutePath().toString());
    }

    private record Verification(int exitCode, String output) {}

    private static Verification verify(Path unit) throws Exception {
        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verification(p.exitValue(), out.strip());
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
