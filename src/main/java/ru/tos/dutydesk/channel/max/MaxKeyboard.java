package ru.tos.dutydesk.channel.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.tos.dutydesk.desk.Choice;

import java.util.List;

/**
 * The desk's choices as a MAX inline keyboard attachment of callback buttons. A press comes back as a
 * {@code message_callback} whose {@code payload} is the choice's data as it is (at most 64 bytes, far within MAX's
 * limit). Short labels («Да», «Нет») share a row; longer ones (suggested questions) get a row each.
 */
final class MaxKeyboard {
    /** A button's text longer than this is cut (MAX refuses long ones; a phone shows fewer anyway). */
    static final int MAX_LABEL = 64;
    private static final int SHORT_LABEL = 16;
    private static final int ONE_ROW_AT_MOST = 3;

    private final ObjectMapper json;

    MaxKeyboard(ObjectMapper json) {
        this.json = json;
    }

    /** The {@code inline_keyboard} attachment, or null when there is nothing to offer. */
    ObjectNode attachment(List<Choice> choices) {
        if (choices.isEmpty()) {
            return null;
        }
        boolean oneRow = choices.size() <= ONE_ROW_AT_MOST
                && choices.stream().allMatch(c -> c.label().strip().length() <= SHORT_LABEL);
        ObjectNode attachment = json.createObjectNode();
        attachment.put("type", "inline_keyboard");
        ArrayNode rows = attachment.putObject("payload").putArray("buttons");
        ArrayNode row = null;
        for (Choice c : choices) {
            if (row == null || !oneRow) {
                row = rows.addArray();
            }
            row.addObject().put("type", "callback").put("text", label(c.label())).put("payload", c.data());
        }
        return attachment;
    }

    static String label(String label) {
        String s = label.strip().replaceAll("\\s+", " ");
        if (s.codePointCount(0, s.length()) <= MAX_LABEL) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, MAX_LABEL - 1)).stripTrailing() + "…";
    }
}
