package ru.tos.dutydesk.channel.telegram.emulator;

/** Runs {@code action} instead of the call, then drops the connection: the call is not done. */
public record InsteadFault(Runnable action) implements Fault {
    @Override
    public boolean apply(ApiCall call) {
        action.run();
        call.drop();
        return true;
    }
}
