package ru.tos.dutydesk.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Captures what slf4j-simple logs while it is open. slf4j-simple looks {@code System.err} up on every write (unless
 * told to cache it, which our config does not), so swapping the stream is enough; the captured lines are also
 * passed on to the real stream so a failing test still shows its log.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    public List<String> lines() {
        return Arrays.stream(text().split("\n")).filter(l -> !l.isBlank()).toList();
    }

    /** The desk's refusal lines: every refusal is logged at WARN with a message starting "refused". */
    public List<String> refusals() {
        return lines().stream().filter(l -> l.contains(" WARN ") && l.contains(" - refused ")).toList();
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
