package ru.tos.dutydesk.channel.vk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.tos.dutydesk.desk.Choice;

import java.util.List;

/**
 * The desk's choices as a VK inline keyboard of callback buttons. A tap comes back as a {@code message_event}
 * whose payload is {@code {"choice": data}} (VK wants a JSON object there, at most 255 characters; data is at
 * most 64 bytes).
 */
final class VkKeyboard {
    /** VK's limits for inline keyboards: 10 buttons, 6 rows; a label over 40 characters is refused. */
    static final int MAX_BUTTONS = 10;
    static final int MAX_ROWS = 6;
    static final int MAX_LABEL = 40;
    static final String PAYLOAD_FIELD = "choice";

    private final ObjectMapper json;

    VkKeyboard(ObjectMapper json) {
        this.json = json;
    }

    /** The keyboard JSON, or null when there is nothing to offer. */
    String inline(List<Choice> choices) {
        if (choices.isEmpty()) {
            return null;
        }
        List<Choice> shown = choices.subList(0, Math.min(choices.size(), MAX_BUTTONS));
        // one button per row reads best; two per row only when there are more than six
        int perRow = shown.size() <= MAX_ROWS ? 1 : 2;
        ObjectNode keyboard = json.createObjectNode();
        keyboard.put("inline", true);
        ArrayNode rows = keyboard.putArray("buttons");
        ArrayNode row = null;
        for (int i = 0; i < shown.size(); i++) {
            if (i % perRow == 0) {
                row = rows.addArray();
            }
            row.add(button(shown.get(i)));
        }
        return keyboard.toString();
    }

    private ObjectNode button(Choice choice) {
        ObjectNode payload = json.createObjectNode().put(PAYLOAD_FIELD, choice.data());
        ObjectNode action = json.createObjectNode();
        action.put("type", "callback");
        action.put("label", label(choice.label()));
        action.put("payload", payload.toString());
        ObjectNode button = json.createObjectNode();
        button.set("action", action);
        return button;
    }

    static String label(String label) {
        String s = label.strip().replaceAll("\\s+", " ");
        if (s.codePointCount(0, s.length()) <= MAX_LABEL) {
            return s;
        }
        int end = s.offsetByCodePoints(0, MAX_LABEL - 1);
        return s.substring(0, end).stripTrailing() + "…";
    }
}
