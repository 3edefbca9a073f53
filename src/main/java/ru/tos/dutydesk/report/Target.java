package ru.tos.dutydesk.report;

/** Progress towards one of the project's targets; {@code actual} is null for a target the report cannot count. */
public record Target(String name, String label, Long actual, int goal) {

    /** Share of the goal reached, 0..1 (capped at 1 for the bar; the figure itself may exceed the goal). */
    public double share() {
        if (actual == null || goal <= 0) {
            return 0;
        }
        return Math.min(1.0, actual / (double) goal);
    }

    /** The actual figure as a percentage of the goal; no figure when the report cannot count the target. */
    public Percent percent() {
        return actual == null ? new Percent(0, 0) : new Percent(actual, goal);
    }
}
