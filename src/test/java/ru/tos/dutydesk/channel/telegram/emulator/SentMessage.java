package ru.tos.dutydesk.channel.telegram.emulator;

import java.util.List;

/**
 * A message in a chat as Telegram keeps it.
 *
 * @param text      what a reader sees (after HTML parsing, trimmed)
 * @param raw       the text parameter exactly as the bot sent it
 * @param parseMode the parse mode used, or null
 * @param replyTo   the message it replies to, or null
 * @param keyboard  inline keyboard rows, possibly empty
 * @param fromBot   true when the bot sent it
 * @param edits     how many times it was edited
 */
public record SentMessage(long chatId, int messageId, String text, String raw, String parseMode, Integer replyTo,
                          List<List<Button>> keyboard, boolean fromBot, int edits) {

    public List<Button> buttons() {
        return keyboard.stream().flatMap(List::stream).toList();
    }

    SentMessage edited(String newText, String newRaw, String newParseMode, List<List<Button>> newKeyboard) {
        return new SentMessage(chatId, messageId, newText, newRaw, newParseMode, replyTo, newKeyboard, fromBot, edits + 1);
    }

    SentMessage withKeyboard(List<List<Button>> newKeyboard) {
        return new SentMessage(chatId, messageId, text, raw, parseMode, replyTo, newKeyboard, fromBot, edits + 1);
    }
}
