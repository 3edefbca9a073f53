package ru.tos.dutydesk.matching.eval;

/**
 * One evaluation question.
 *
 * @param expected the entry or intent id that should answer it, or {@link #MUST_ESCALATE}
 */
public record EvalRow(String question, String expected) {
    public static final String MUST_ESCALATE = "-";

    public boolean answerable() {
        return !MUST_ESCALATE.equals(expected);
    }
}
