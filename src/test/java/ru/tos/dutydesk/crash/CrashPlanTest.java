package ru.tos.dutydesk.crash;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The crash run's plan: any seed gives three kills spread over the run, and the same seed the same plan. */
class CrashPlanTest {
    private static final BundledQuestions QUESTIONS = new BundledQuestions(
            IntStream.range(0, 30).mapToObj(i -> "вопрос " + i).toList(), List.of("к консультанту"));

    @Test
    void everySeedGivesThreeKillsOfBothKindsFarEnoughApart() {
        // a seed whose first two kills left no room for a third used to hang the crash test
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (long seed = 1; seed <= 20_000; seed++) {
                List<CrashPlan.Kill> kills = CrashPlan.draw(seed, QUESTIONS).kills();
                assertThat(kills).hasSize(3);
                for (int i = 1; i < kills.size(); i++) {
                    assertThat(kills.get(i).afterReplies() - kills.get(i - 1).afterReplies())
                            .as("seed %d", seed).isGreaterThanOrEqualTo(CrashPlan.MIN_KILL_GAP);
                }
                assertThat(kills).extracting(CrashPlan.Kill::kind)
                        .contains(CrashPlan.KillKind.MID_BATCH, CrashPlan.KillKind.MID_SEND);
            }
        });
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        assertThat(CrashPlan.draw(42, QUESTIONS)).isEqualTo(CrashPlan.draw(42, QUESTIONS));
    }
}
