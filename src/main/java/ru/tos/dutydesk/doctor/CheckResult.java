package ru.tos.dutydesk.doctor;

import java.util.Objects;

/**
 * One line of {@code doctor}'s checklist: what was checked, what was found and, when something is wrong, what to do.
 * Texts are in Russian: the checklist is read by the association's administrator.
 *
 * @param subject what was checked, e.g. «Telegram: токен»
 * @param detail  what was found
 * @param fix     what to do about it; null when nothing needs doing
 */
public record CheckResult(Status status, String subject, String detail, String fix) {

    /** How a check came out; only {@link #FAILED} means the desk cannot work as configured. */
    public enum Status {
        OK("ОК"),
        /** Worth knowing, nothing to fix (a channel that is off, the bot's privacy mode). */
        INFO("ИНФО"),
        /** The desk works, but something will hurt soon or for some people. */
        WARNING("ПРЕДУПРЕЖДЕНИЕ"),
        FAILED("ОШИБКА");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The label printed in brackets at the start of the line. */
        public String label() {
            return label;
        }
    }

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult ok(String subject, String detail) {
        return new CheckResult(Status.OK, subject, detail, null);
    }

    public static CheckResult info(String subject, String detail) {
        return new CheckResult(Status.INFO, subject, detail, null);
    }

    public static CheckResult warning(String subject, String detail, String fix) {
        return new CheckResult(Status.WARNING, subject, detail, fix);
    }

    public static CheckResult failed(String subject, String detail, String fix) {
        return new CheckResult(Status.FAILED, subject, detail, Objects.requireNonNull(fix, "a failed check says what to do"));
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
