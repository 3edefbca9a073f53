package ru.tos.dutydesk.channel.telegram.emulator;

import java.nio.charset.StandardCharsets;

/**
 * A document the bot uploaded with sendDocument, as Telegram would keep it.
 *
 * @param caption what a reader sees under it (after HTML parsing), possibly empty
 */
public record SentDocument(long chatId, int messageId, String fileName, byte[] bytes, String caption) {
    public SentDocument {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
