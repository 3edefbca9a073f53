package ru.tos.dutydesk.desk;

/** What a consultant's action did, as a line to show them. */
public record ActionResult(boolean done, String message) {
    static ActionResult done(String message) {
        return new ActionResult(true, message);
    }

    static ActionResult refused(String message) {
        return new ActionResult(false, message);
    }
}
