package ru.tos.dutydesk.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EditDistanceTest {
    @Test
    void countsTheTyposPeopleMake() {
        assertThat(EditDistance.bounded("кворум", "кворум", 2)).isZero();
        assertThat(EditDistance.bounded("кворм", "кворум", 2)).isEqualTo(1);      // a letter missed
        assertThat(EditDistance.bounded("квоурм", "кворум", 2)).isEqualTo(1);     // two letters swapped
        assertThat(EditDistance.bounded("кваром", "кворум", 2)).isEqualTo(2);     // two letters wrong
    }

    @Test
    void stopsAtTheBound() {
        assertThat(EditDistance.bounded("устав", "субсидия", 2)).isEqualTo(3);
        assertThat(EditDistance.bounded("а", "абвгд", 1)).isEqualTo(2);
    }
}
