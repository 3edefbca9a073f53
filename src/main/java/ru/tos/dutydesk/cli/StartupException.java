package ru.tos.dutydesk.cli;

/** The desk cannot start or a command cannot run; the message alone says why (no stack trace). */
public final class StartupException extends RuntimeException {
    /** The usual exit code of a refused start; 2 when the fix is a secret in the environment (a wrong token). */
    public static final int EXIT_CODE = 1;

    private final int exitCode;

    public StartupException(String message) {
        this(message, EXIT_CODE);
    }

    public StartupException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
