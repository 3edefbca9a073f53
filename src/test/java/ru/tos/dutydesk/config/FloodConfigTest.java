package ru.tos.dutydesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.FloodGuard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** desk.flood.per-minute and per-hour: defaults 20 and 100, changed by config, a bad value named with its key. */
class FloodConfigTest {

    @Test
    void theFloodLimitsComeFromConfigWithDefaults(@TempDir Path dir) throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        String without = shipped.replaceAll("(?m)^  flood:\\n    per-minute: \\d+\\n    per-hour: \\d+\\n", "");
        assertThat(without).doesNotContain("per-minute");
        Files.writeString(dir.resolve("plain.yml"), without);
        Files.writeString(dir.resolve("tight.yml"), without.replace("desk:\n", "desk:\n  flood:\n    per-minute: 5\n    per-hour: 30\n"));
        Files.writeString(dir.resolve("zero.yml"), without.replace("desk:\n", "desk:\n  flood:\n    per-minute: 0\n"));
        ConfigLoader loader = new ConfigLoader(Map.of());

        assertThat(loader.load(dir.resolve("plain.yml")).desk().flood()).isEqualTo(FloodGuard.Limits.DEFAULT);
        assertThat(loader.load(dir.resolve("tight.yml")).desk().flood()).isEqualTo(new FloodGuard.Limits(5, 30));
        assertThat(loader.load(Path.of("config/duty-desk.yml")).desk().flood()).isEqualTo(new FloodGuard.Limits(20, 100));
        assertThatThrownBy(() -> loader.load(dir.resolve("zero.yml"))).hasMessageContaining("desk.flood.per-minute");
    }
}
