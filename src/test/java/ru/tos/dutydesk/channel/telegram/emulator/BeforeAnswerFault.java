package ru.tos.dutydesk.channel.telegram.emulator;

/** Lets the call go on, and runs {@code action} once its work is done, just before the answer is written. */
public record BeforeAnswerFault(Runnable action) implements Fault {
    @Override
    public boolean apply(ApiCall call) {
        call.beforeAnswer(action);
        return false;
    }
}
