package ru.tos.dutydesk.crash;

import java.util.List;
import java.util.Map;

/** A chat platform's emulator as the crash test drives it: people write, the desk's replies are read back. */
interface CrashPlatform extends AutoCloseable {
    String name();

    /** What the jar needs in its environment to talk to this emulator. */
    Map<String, String> env();

    /** The account (and private chat) id of person number {@code person}. */
    long account(int person);

    void ask(int person, String text);

    /** Everything the desk sent to the person's chat, in order. */
    List<Reply> repliesTo(int person);

    /** Polls for updates the desk made so far, to tell that a started desk is up. */
    int polls();

    /** The update keys (as the desk records them) of what the desk holds now and the platform has not seen confirmed. */
    List<String> inFlight();

    /** The next reply the platform takes runs {@code action} before the desk hears the answer. */
    void beforeNextSendAnswer(Runnable action);

    /**
     * Arranges for {@code action} to run when the desk next asks for updates, before the platform takes that as
     * confirming what it holds; false when the platform cannot (VK confirms by the ts the desk stores itself).
     */
    boolean beforeNextConfirmingPoll(Runnable action);

    /** Updates handed to the desk in all, repeats after a crash counted again. */
    int updatesHandedOut();

    @Override
    void close();

    /** A message from the desk: its visible text and the data of its buttons. */
    record Reply(String text, List<String> choices) {
    }
}
