package ru.tos.dutydesk.channel.console;

import ru.tos.dutydesk.channel.MessageTransport;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.desk.Attachment;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Choice;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Prints the desk's replies in the terminal, choices as numbered options (the desk reads a typed number). */
final class ConsoleTransport implements MessageTransport {
    private final PrintStream out;
    private final PlainTextRenderer renderer = new PlainTextRenderer();
    ConsoleTransport(PrintStream out) {
        this.out = out;
    }

    /** A terminal cannot show a document: it is written to a temporary file whose path is printed. */
    private static String fileLine(Attachment file) {
        try {
            Path dir = Files.createTempDirectory("duty-desk-");
            Path written = Files.write(dir.resolve(file.fileName()), file.bytes());
            return "файл: " + written.toAbsolutePath() + " (" + file.size() + " байт)";
        } catch (IOException | RuntimeException e) {
            return "файл «" + file.fileName() + "» не удалось сохранить: " + e.getMessage();
        }
    }

    @Override
    public Channel channel() {
        return Channel.CONSOLE;
    }

    @Override
    public List<String> send(OutboundMessage message, long outboxId) {
        if (message.isEdit()) {
            return List.of(); // a terminal cannot change what it printed; the console has no consultants' chat anyway
        }
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append("дежурная> ").append(renderer.render(message.markdown()).replace("\n", "\n          "));
        if (message.hasAttachment()) {
            sb.append('\n').append("          ").append(fileLine(message.attachment()));
        }
        List<Choice> offered = message.choices();
        for (int i = 0; i < offered.size(); i++) {
            sb.append('\n').append("          ").append(i + 1).append(") ").append(offered.get(i).label());
        }
        synchronized (out) {
            out.println(sb);
            out.print("вы> ");
            out.flush();
        }
        return List.of("console-" + outboxId);
    }
}
