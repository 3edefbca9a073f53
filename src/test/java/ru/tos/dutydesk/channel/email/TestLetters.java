package ru.tos.dutydesk.channel.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading the desk's letters in tests: the plain and HTML parts, and headers. */
final class TestLetters {
    private TestLetters() {
    }

    static String part(MimeMessage m, String type) {
        try {
            Object content = m.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart p = mp.getBodyPart(i);
                    if (p.isMimeType(type)) {
                        return (String) p.getContent();
                    }
                }
            }
            throw new AssertionError("no " + type + " part in " + m.getContentType());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String plain(MimeMessage m) {
        return part(m, "text/plain");
    }

    static String html(MimeMessage m) {
        return part(m, "text/html");
    }

    static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, " ");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain letter from a resident to the desk, UTF-8. */
    static String letter(String from, String messageId, String subject, String body, String... extraHeaders) {
        StringBuilder sb = new StringBuilder();
        sb.append("From: ").append(from).append('\n');
        sb.append("To: ").append(MailServer.DESK).append('\n');
        sb.append("Subject: ").append(encodedWord(subject)).append('\n');
        sb.append("Message-ID: ").append(messageId).append('\n');
        sb.append("Date: Sun, 6 Dec 2026 10:00:00 +0300\n");
        for (String h : extraHeaders) {
            sb.append(h).append('\n');
        }
        sb.append("MIME-Version: 1.0\n");
        sb.append("Content-Type: text/plain; charset=UTF-8\n");
        sb.append("Content-Transfer-Encoding: 8bit\n\n");
        sb.append(body).append('\n');
        return sb.toString();
    }

    static String encodedWord(String s) {
        return "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=";
    }
}
