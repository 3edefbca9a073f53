package ru.tos.dutydesk.channel.vk;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts plain text into VK messages of at most {@link #LIMIT} characters, preferring paragraph, then line, then
 * word boundaries, and never cutting a surrogate pair in two.
 *
 * <p>VK documents 9000 characters for {@code messages.send}, yet its older documentation said 4096 and it does not
 * say whether it counts characters or encoded bytes. 4000 Cyrillic characters are 8000 UTF-8 bytes, still under
 * 9000, so a part of at most 4000 characters is accepted under either reading; it also keeps parts readable on a
 * phone and splits an answer where Telegram (4096) would.
 */
public final class VkMessageSplitter {
    public static final int LIMIT = 4000;

    private final int limit;

    public VkMessageSplitter() {
        this(LIMIT);
    }

    VkMessageSplitter(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit too small: " + limit);
        }
        this.limit = limit;
    }

    public List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (rest.length() > limit) {
            int cut = cutPoint(rest);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private int cutPoint(String text) {
        // look for a boundary in the second half only, so that no part comes out tiny
        int floor = limit / 2;
        int at = text.lastIndexOf("\n\n", limit);
        if (at >= floor) {
            return at;
        }
        at = text.lastIndexOf('\n', limit);
        if (at >= floor) {
            return at;
        }
        at = lastSpace(text, limit);
        if (at >= floor) {
            return at;
        }
        int cut = limit;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }

    private static int lastSpace(String text, int limit) {
        for (int i = Math.min(limit, text.length() - 1); i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
