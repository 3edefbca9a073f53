package ru.tos.dutydesk.cli;

/** The desk cannot start or a command cannot run; the message alone says why (no stack trace). */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}
