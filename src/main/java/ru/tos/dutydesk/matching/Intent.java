package ru.tos.dutydesk.matching;

/** Messages the desk answers itself rather than as questions. Ids match faq-topics.md. */
public enum Intent {
    HELLO("smalltalk-hello"),
    THANKS("smalltalk-thanks"),
    ASK_HUMAN("ask-human");

    private final String id;

    Intent(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
