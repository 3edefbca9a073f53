package ru.tos.dutydesk.channel.email;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LetterReaderTest {
    private final LetterReader reader = new LetterReader(new LoopGuard("desk@tos.example"));

    private Letter read(byte[] raw) throws Exception {
        Properties utf8Headers = new Properties(); // as the inbox's session: raw UTF-8 headers (RFC 6532) allowed
        utf8Headers.put("mail.mime.allowutf8", "true");
        MimeMessage m = new MimeMessage(Session.getInstance(utf8Headers), new ByteArrayInputStream(raw));
        return reader.read(m, 7, Instant.EPOCH);
    }

    private Letter read(String raw, Charset charset) throws Exception {
        return read(raw.replace("\n", "\r\n").getBytes(charset));
    }

    private static String encoded(String s, String charset) {
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(s.getBytes(Charset.forName(charset))) + "?=";
    }

    @Test
    void koi8rAndWindows1251LettersAreDecodedByTheirDeclaredCharset() throws Exception {
        for (String cs : new String[]{"KOI8-R", "windows-1251"}) {
            Letter l = read("From: " + encoded("Пётр Иванов", cs) + " <Petr@Mail.Example>\nSubject: " + encoded("Вопрос об уставе", cs)
                    + "\nMessage-ID: <a@b>\nContent-Type: text/plain; charset=" + cs + "\nContent-Transfer-Encoding: 8bit\n\n"
                    + "Как зарегистрировать устав ТОС?\n", Charset.forName(cs));
            assertThat(l.ownWords()).as(cs).isEqualTo("Как зарегистрировать устав ТОС?");
            assertThat(l.subject()).as(cs).isEqualTo("Вопрос об уставе");
            assertThat(l.fromName()).as(cs).isEqualTo("Пётр Иванов");
            assertThat(l.from()).as("lower case").isEqualTo("petr@mail.example");
            assertThat(l.notForUs()).isEmpty();
        }
    }

    @Test
    void anUndeclaredCharsetIsTriedAsUtf8ThenWindows1251() throws Exception {
        String head = "From: a@mail.example\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n";
        assertThat(read((head + "Сколько стоит регистрация?\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)).ownWords())
                .isEqualTo("Сколько стоит регистрация?");
        assertThat(read((head + "Сколько стоит регистрация?\n").replace("\n", "\r\n").getBytes(Charset.forName("windows-1251"))).ownWords())
                .isEqualTo("Сколько стоит регистрация?");
    }

    @Test
    void anHtmlOnlyLetterLosesItsQuoteAndTags() throws Exception {
        Letter l = read("From: a@mail.example\nContent-Type: text/html; charset=UTF-8\n\n"
                + "<html><body><p>Нужна ли печать&nbsp;ТОС?</p><blockquote>старое письмо</blockquote></body></html>\n",
                StandardCharsets.UTF_8);
        assertThat(l.ownWords()).isEqualTo("Нужна ли печать ТОС?");
    }

    @Test
    void attachmentsAreListedByName() throws Exception {
        Letter l = read("From: a@mail.example\nContent-Type: multipart/mixed; boundary=\"X\"\n\n--X\n"
                + "Content-Type: text/plain; charset=UTF-8\n\nСмотрите протокол.\n--X\nContent-Type: application/pdf\n"
                + "Content-Disposition: attachment; filename=\"" + encoded("протокол.pdf", "UTF-8") + "\"\n"
                + "Content-Transfer-Encoding: base64\n\nJVBERi0=\n--X--\n", StandardCharsets.UTF_8);
        assertThat(l.ownWords()).isEqualTo("Смотрите протокол.");
        assertThat(l.attachments()).containsExactly("протокол.pdf");
    }

    @Test
    void robotsAndOurOwnLettersAreNotForUs() throws Exception {
        String body = "\nContent-Type: text/plain\n\nТекст\n";
        assertThat(read("From: a@mail.example\nAuto-Submitted: auto-replied" + body, StandardCharsets.UTF_8).notForUs()).isPresent();
        assertThat(read("From: a@mail.example\nAuto-Submitted: no" + body, StandardCharsets.UTF_8).notForUs()).isEmpty();
        assertThat(read("From: a@mail.example\nPrecedence: bulk" + body, StandardCharsets.UTF_8).notForUs()).isPresent();
        assertThat(read("From: a@mail.example\nX-Loop: x" + body, StandardCharsets.UTF_8).notForUs()).isPresent();
        assertThat(read("From: a@mail.example\nReturn-Path: <>" + body, StandardCharsets.UTF_8).notForUs()).isPresent();
        assertThat(read("From: MAILER-DAEMON@mail.example" + body, StandardCharsets.UTF_8).notForUs()).isPresent();
        assertThat(read("From: Desk@Tos.Example" + body, StandardCharsets.UTF_8).notForUs()).contains("our own letter");
    }

    @Test
    void threadingHeadersAreKeptInOrder() throws Exception {
        Letter l = read("From: a@mail.example\nMessage-ID: <3@x>\nReferences: <1@x> <2@x>\nIn-Reply-To: <2@x>\n"
                + "Subject: Re: [ТОС №42] Участок\nContent-Type: text/plain\n\nДа\n", StandardCharsets.UTF_8);
        assertThat(l.references()).containsExactly("<1@x>", "<2@x>");
    }
}
