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

    public Integer percent() {
        return actual == null || goal <= 0 ? null : (int) Math.floor(actual * 100.0 / goal);
    }
}
