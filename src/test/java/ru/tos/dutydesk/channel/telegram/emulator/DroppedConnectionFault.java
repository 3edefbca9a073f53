package ru.tos.dutydesk.channel.telegram.emulator;

/** Closes the connection without answering and without doing the call. */
public record DroppedConnectionFault() implements Fault {
    @Override
    public boolean apply(ApiCall call) {
        call.drop();
        return true;
    }
}
