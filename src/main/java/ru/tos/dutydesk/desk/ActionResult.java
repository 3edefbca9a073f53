package ru.tos.dutydesk.desk;

/**
 * What a consultant's action did, as a line to show them.
 *
 * @param reason why it was refused, in words fit for the log (no message text); empty when done
 */
public record ActionResult(boolean done, String message, String reason) {
    static ActionResult done(String message) {
        return new ActionResult(true, message, "");
    }

    /** Nothing done yet: the consultant is asked for more (a reason to close); not a refusal worth logging. */
    static ActionResult needsMore(String message) {
        return new ActionResult(false, message, "");
    }

    static ActionResult refused(String message, String reason) {
        return new ActionResult(false, message, reason);
    }
}
