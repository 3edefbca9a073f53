package ru.tos.dutydesk.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

/**
 * Finds the line of a key in YAML text. Jackson reports an unknown key of a record only after the whole
 * mapping has been read, so its own location points at the mapping's end, not at the typo.
 */
final class YamlKeyLines {
    private YamlKeyLines() {
    }

    /**
     * @param path field names, and array indices as {@code "[n]"}, from the root to the key
     * @return the 1-based line where the last element of the path starts, if the text has it
     */
    static OptionalInt lineOf(String yaml, List<String> path) {
        if (path.isEmpty()) {
            return OptionalInt.empty();
        }
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            // one frame per open container: the path element of the value being read inside it
            Deque<Frame> stack = new ArrayDeque<>();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> {
                        Frame top = stack.peek();
                        if (top != null) {
                            top.element = p.currentName();
                            if (matches(stack, path)) {
                                return OptionalInt.of(p.currentTokenLocation().getLineNr());
                            }
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        advanceArrayIndex(stack, p, path);
                        stack.push(new Frame(t == JsonToken.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> stack.pop();
                    default -> {
                        if (advanceArrayIndex(stack, p, path)) {
                            return OptionalInt.of(p.currentTokenLocation().getLineNr());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // text that does not parse has no lines to offer; the caller falls back to Jackson's location
        }
        return OptionalInt.empty();
    }

    /** A value inside an array moves the index on; true if that value is the one searched for. */
    private static boolean advanceArrayIndex(Deque<Frame> stack, JsonParser p, List<String> path) {
        Frame top = stack.peek();
        if (top == null || !top.array) {
            return false;
        }
        top.index++;
        top.element = "[" + top.index + "]";
        return matches(stack, path);
    }

    private static boolean matches(Deque<Frame> stack, List<String> path) {
        if (stack.size() != path.size()) {
            return false;
        }
        int i = 0;
        var it = stack.descendingIterator();
        while (it.hasNext()) {
            if (!path.get(i++).equals(it.next().element)) {
                return false;
            }
        }
        return true;
    }

    private static final class Frame {
        final boolean array;
        String element;
        int index = -1;

        Frame(boolean array) {
            this.array = array;
        }
    }
}
