package ru.tos.dutydesk.channel.console;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Attachment;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.OutboundMessage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTransportTest {

    @Test
    void aFileIsWrittenToATemporaryPathThatIsPrinted() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConsoleTransport console = new ConsoleTransport(new PrintStream(printed, true, StandardCharsets.UTF_8));
        byte[] csv = "\uFEFFИтого;6\r\n".getBytes(StandardCharsets.UTF_8);

        console.send(OutboundMessage.document(new Address(Channel.CONSOLE, "me"), "Отчёт — CSV",
                new Attachment("report.csv", "text/csv", csv), null), 3);

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Отчёт — CSV");
        Matcher path = Pattern.compile("файл: (\\S+report\\.csv) \\(" + csv.length + " байт\\)").matcher(out);
        assertThat(path.find()).as(out).isTrue();
        Path file = Path.of(path.group(1));
        try {
            assertThat(Files.readAllBytes(file)).isEqualTo(csv);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }
}
