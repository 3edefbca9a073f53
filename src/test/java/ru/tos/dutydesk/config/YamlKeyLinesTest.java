package ru.tos.dutydesk.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class YamlKeyLinesTest {
    private static final String YAML = """
            # comment
            database: data/desk.db
            desk:
              working-hours:
                days: [MON, TUE]
                from: "09:00"
              answer-within: 1d
            telegram:
              consultants: [1, 2]
              coordinators:
                - 10
                - 20
            """;

    @Test
    void findsTopLevelNestedAndListKeysAtTheirLines() {
        assertThat(YamlKeyLines.lineOf(YAML, List.of("database"))).hasValue(2);
        assertThat(YamlKeyLines.lineOf(YAML, List.of("desk", "working-hours", "from"))).hasValue(6);
        assertThat(YamlKeyLines.lineOf(YAML, List.of("desk", "answer-within"))).hasValue(7);
        assertThat(YamlKeyLines.lineOf(YAML, List.of("telegram", "coordinators", "[1]"))).hasValue(12);
    }

    @Test
    void aKeyThatIsNotThereOrTextThatIsNotYamlGivesNoLine() {
        assertThat(YamlKeyLines.lineOf(YAML, List.of("desk", "from"))).isEqualTo(OptionalInt.empty());
        assertThat(YamlKeyLines.lineOf("a: [unclosed", List.of("b"))).isEqualTo(OptionalInt.empty());
        assertThat(YamlKeyLines.lineOf(YAML, List.of())).isEqualTo(OptionalInt.empty());
    }
}
