package ru.tos.dutydesk.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopCandidatesTest {
    @Test
    void keepsTheBestFewBestFirstAndTheEarlierOfATie() {
        TopCandidates top = new TopCandidates(3);
        double[] scores = {0.2, 0.9, 0.5, 0.9, 0.1, 0.7};
        for (int e = 0; e < scores.length; e++) {
            top.offer(e, scores[e]);
        }
        assertThat(top.size()).isEqualTo(3);
        assertThat(new int[] {top.entry(0), top.entry(1), top.entry(2)}).containsExactly(1, 3, 5);
        assertThat(top.score(2)).isEqualTo(0.7);
    }
}
