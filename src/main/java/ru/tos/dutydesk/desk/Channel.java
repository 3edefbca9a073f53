package ru.tos.dutydesk.desk;

/** The platforms a person can write from. Stored by {@link #key()} so renaming a constant never breaks a database. */
public enum Channel {
    TELEGRAM("telegram", "Telegram"),
    VK("vk", "VK"),
    MAX("max", "MAX"),
    CONSOLE("console", "консоль"),
    /** Letters to the association's mailbox; the chat id is the sender's address in lower case. */
    EMAIL("email", "e-mail");

    private final String key;
    private final String label;

    Channel(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    /** How consultants see the channel on a ticket card. */
    public String label() {
        return label;
    }

    public static Channel fromKey(String key) {
        for (Channel c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel: " + key);
    }
}
