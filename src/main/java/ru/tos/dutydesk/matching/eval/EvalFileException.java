package ru.tos.dutydesk.matching.eval;

/** An evaluation file cannot be used; the message names the file and every bad line. */
public class EvalFileException extends RuntimeException {
    public EvalFileException(String message) {
        super(message);
    }

    public EvalFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
