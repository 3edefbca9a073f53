package ru.tos.dutydesk.config;

/** The configuration is missing or wrong; the message names the file and the key. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
