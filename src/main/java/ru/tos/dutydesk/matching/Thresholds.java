package ru.tos.dutydesk.matching;

/**
 * Decision thresholds on the matcher's confidence, calibrated with {@code eval}.
 *
 * @param answer  answer at once when the best score is at least this
 * @param suggest offer choices when the best score is at least this (and below {@code answer})
 * @param margin  answer at once only if the best leads the second by at least this; otherwise suggest
 */
public record Thresholds(double answer, double suggest, double margin) {
    public Thresholds {
        if (!(0 <= suggest && suggest <= answer && answer <= 1)) {
            throw new IllegalArgumentException("need 0 <= suggest <= answer <= 1, got suggest=" + suggest + ", answer=" + answer);
        }
        if (margin < 0 || margin > 1) {
            throw new IllegalArgumentException("margin must be in [0, 1], got " + margin);
        }
    }
}
