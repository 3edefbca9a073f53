package ru.tos.dutydesk.channel.console;

import ru.tos.dutydesk.channel.Backoff;
import ru.tos.dutydesk.channel.OutboxSender;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.desk.InboundMessage;
import ru.tos.dutydesk.desk.Outbox;
import ru.tos.dutydesk.desk.Person;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * A resident's conversation with the desk in the terminal: lines typed are messages (a number picks one of the
 * choices shown, as the desk reads it on every channel). Replies, including consultants' answers given from another terminal ({@code answer N "..."}), arrive
 * through the outbox, which is polled so that another process's writes show up here.
 */
public final class ConsoleChat {
    /** Everyone at this terminal is the same local resident. */
    public static final Address LOCAL = new Address(Channel.CONSOLE, "local");

    private final Desk desk;
    private final Outbox outbox;
    private final BufferedReader in;
    private final PrintStream out;
    private final Clock clock;

    public ConsoleChat(Desk desk, Outbox outbox, BufferedReader in, PrintStream out, Clock clock) {
        this.desk = desk;
        this.outbox = outbox;
        this.in = in;
        this.out = out;
        this.clock = clock;
    }

    /** Runs until end of input or «выход». */
    public void run() throws IOException {
        OutboxSender sender = new OutboxSender(outbox, new ConsoleTransport(out),
                (item, reason) -> { }, Backoff.standard(), 5, Duration.ofMillis(300), clock);
        desk.onOutbox(sender::signal);
        Thread senderThread = new Thread(sender, "console-sender");
        senderThread.setDaemon(true);
        senderThread.start();
        Person me = new Person(Channel.CONSOLE, "local", System.getProperty("user.name", "житель"));
        String session = UUID.randomUUID().toString().substring(0, 8);
        long seq = 0;
        out.println("Онлайн-дежурная ТОС. Напишите вопрос; цифра выбирает вариант; «выход» — завершить.");
        handle(InboundMessage.text("console:" + session + ":" + seq++, LOCAL, me, "/start", clock.instant()));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.strip().equalsIgnoreCase("выход") || line.strip().equalsIgnoreCase("exit")) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                // a typed number is text: the desk knows which choices it offered here last, as on every channel
                handle(InboundMessage.text("console:" + session + ":" + seq++, LOCAL, me, line, clock.instant()));
            }
            awaitDelivered(Duration.ofSeconds(3));
        } finally {
            sender.stop();
        }
    }

    private void handle(InboundMessage m) {
        desk.handle(m);
    }

    /** Lets the replies to the last message be printed before the terminal closes (input may be a pipe). */
    private void awaitDelivered(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!outbox.due(Channel.CONSOLE, clock.instant(), 1).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
