package ru.tos.dutydesk.channel.telegram;

import ru.tos.dutydesk.desk.Choice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this process last made each recent message show (a digest of its HTML and buttons), so that editing a card
 * does not spend a rate-limited call on a part that stays the same: the parts of a long card before the last one
 * rarely change when only the status lines at its end do, and Telegram refuses such an edit as «not modified».
 * Memory only: after a restart an unchanged part is edited once more, which Telegram answers «not modified» and the
 * transport takes as done.
 */
final class ShownTexts {
    private static final int REMEMBERED = 10_000;

    private final Map<String, byte[]> shown = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > REMEMBERED;
        }
    });

    void remember(String chatId, String messageId, String html, List<Choice> choices) {
        shown.put(key(chatId, messageId), digest(html, choices));
    }

    boolean shows(String chatId, String messageId, String html, List<Choice> choices) {
        byte[] now = shown.get(key(chatId, messageId));
        return now != null && Arrays.equals(now, digest(html, choices));
    }

    void forget(String chatId, String messageId) {
        shown.remove(key(chatId, messageId));
    }

    private static String key(String chatId, String messageId) {
        return chatId + '/' + messageId;
    }

    private static byte[] digest(String html, List<Choice> choices) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(html.getBytes(StandardCharsets.UTF_8));
            for (Choice c : choices) {
                sha.update((byte) 0);
                sha.update(c.label().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 1);
                sha.update(c.data().getBytes(StandardCharsets.UTF_8));
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
