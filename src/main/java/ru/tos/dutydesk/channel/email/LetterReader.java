package ru.tos.dutydesk.channel.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a message from the mailbox into a {@link Letter}: decodes headers and body in whatever charset the sender's
 * program used (KOI8-R and Windows-1251 are still common in Russian mail), prefers the plain-text part and falls
 * back to the HTML one, lists attachments by name and cuts quotes and signature.
 */
final class LetterReader {
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private final LoopGuard loops;

    LetterReader(LoopGuard loops) {
        this.loops = loops;
    }

    Letter read(MimeMessage m, long uid, Instant now) throws MessagingException, IOException {
        InternetAddress from = sender(m);
        Optional<String> notForUs = loops.why(m, from);
        Body body = new Body();
        walk(m, body);
        String text = body.plain != null ? body.plain : body.html != null ? HtmlText.of(body.html) : "";
        Instant received = m.getReceivedDate() != null ? m.getReceivedDate().toInstant()
                : m.getSentDate() != null ? m.getSentDate().toInstant() : now;
        String subject = m.getSubject(); // decoded from =?koi8-r?B?…?= and the like by Jakarta Mail
        return new Letter(uid, m.getMessageID(), references(m), subject == null ? "" : subject.strip(),
                from == null || from.getAddress() == null ? "" : from.getAddress().toLowerCase(Locale.ROOT),
                from == null || from.getPersonal() == null ? "" : from.getPersonal(),
                LetterText.ownWords(text), List.copyOf(body.attachments), notForUs,
                notForUs.isPresent() ? DeliveryFailure.of(m) : Optional.empty(), received);
    }

    private static InternetAddress sender(MimeMessage m) throws MessagingException {
        Address[] replyTo = m.getReplyTo();
        Address[] from = m.getFrom();
        // Reply-To is where the person wants the answer; getReplyTo falls back to From itself
        Address a = replyTo != null && replyTo.length > 0 ? replyTo[0] : from != null && from.length > 0 ? from[0] : null;
        return a instanceof InternetAddress ia ? ia : null;
    }

    private static List<String> references(MimeMessage m) throws MessagingException {
        Set<String> ids = new LinkedHashSet<>();
        for (String h : List.of("References", "In-Reply-To")) {
            String v = m.getHeader(h, " ");
            if (v != null) {
                for (String id : v.split("[\\s,]+")) {
                    if (id.startsWith("<") && id.endsWith(">")) {
                        ids.add(id);
                    }
                }
            }
        }
        return List.copyOf(ids);
    }

    private static final class Body {
        String plain;
        String html;
        final List<String> attachments = new ArrayList<>();
    }

    private void walk(Part p, Body body) throws MessagingException, IOException {
        String fileName = fileName(p);
        if (fileName != null || Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            body.attachments.add(fileName != null ? fileName : "без имени");
            return;
        }
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                walk(part, body);
            }
        } else if (p.isMimeType("text/plain")) {
            if (body.plain == null) {
                body.plain = decode(p);
            }
        } else if (p.isMimeType("text/html")) {
            if (body.html == null) {
                body.html = decode(p);
            }
        } else if (p.isMimeType("message/rfc822")) {
            body.attachments.add("вложенное письмо");
        } else if (!(p instanceof Message)) {
            body.attachments.add("без имени (" + baseType(p) + ")");
        }
    }

    private static String fileName(Part p) {
        try {
            String name = p.getFileName();
            return name == null ? null : MimeUtility.decodeText(name).strip();
        } catch (MessagingException | UnsupportedEncodingException e) {
            return "без имени";
        }
    }

    private static String baseType(Part p) throws MessagingException {
        try {
            return new ContentType(p.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "?";
        }
    }

    /**
     * The text in the part's declared charset; without one (or with one Java does not know) strict UTF-8 is tried
     * and Windows-1251 taken when that fails, the usual case of an old Russian mail program.
     */
    static String decode(Part p) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        Charset declared = null;
        try {
            String cs = new ContentType(p.getContentType()).getParameter("charset");
            if (cs != null && !cs.isBlank()) {
                declared = Charset.forName(MimeUtility.javaCharset(cs.strip().replace("\"", "")));
            }
        } catch (ParseException | IllegalCharsetNameException | UnsupportedCharsetException e) {
            declared = null;
        }
        if (declared != null) {
            return new String(bytes, declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1251);
        }
    }
}
