package ru.tos.dutydesk.store;

/** The database could not be opened or used; the message is one line fit to show an operator. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
