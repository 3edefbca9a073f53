package ru.tos.dutydesk.matching.eval;

import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.Intent;

/**
 * What a matcher did with one evaluation question.
 *
 * @param id    the best entry or intent id, or {@code null} when nothing matched at all
 * @param score the best candidate's confidence (1 for a recognised intent, 0 when nothing matched)
 */
public record RowResult(String question, String expected, Decision decision, String id, double score) {
    public boolean answerable() {
        return !EvalRow.MUST_ESCALATE.equals(expected);
    }

    /** The best guess is the expected entry (whatever was decided). */
    public boolean topOneCorrect() {
        return answerable() && expected.equals(id);
    }

    /**
     * The question goes to a consultant: escalated, or the «позовите человека» intent, on which the desk opens a
     * ticket at once (it is scored as an answer only so that a row expecting that intent counts as answered).
     */
    public boolean reachesPerson() {
        return decision == Decision.ESCALATE || decision == Decision.ANSWER && Intent.ASK_HUMAN.id().equals(id);
    }

    /** Answered at once, and wrongly: the worst outcome. Handing the question to a person is never wrong. */
    public boolean confidentWrong() {
        return decision == Decision.ANSWER && !(answerable() && expected.equals(id)) && !reachesPerson();
    }

    /** Whatever a person would see as a failure: wrong best guess, confident wrong answer, or not escalated. */
    public boolean mistake() {
        return answerable() ? !topOneCorrect() || confidentWrong() : !reachesPerson();
    }
}
