package ru.tos.dutydesk.channel.telegram.emulator;

/** An inline keyboard button as the bot sent it. */
public record Button(String text, String callbackData) {
}
