package ru.tos.dutydesk.channel.telegram.emulator;

import java.time.Duration;

/** Waits, then lets the call go on normally (a slow server still does the work). */
public record SlowAnswerFault(Duration delay) implements Fault {
    @Override
    public boolean apply(ApiCall call) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
