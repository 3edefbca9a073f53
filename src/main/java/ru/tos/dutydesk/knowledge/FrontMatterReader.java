package ru.tos.dutydesk.knowledge;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the front matter with Jackson's YAML parser token by token, so that each key and list item keeps its
 * line, and checks every field. Lines are converted from the YAML block to the file.
 */
final class FrontMatterReader {
    private final YAMLFactory yaml = new YAMLFactory();

    /**
     * @return the front matter (fields that were wrong are null or empty), or empty when the YAML itself is
     *         malformed; problems are added to {@code problems}
     */
    Optional<FrontMatter> read(Path file, SplitFile split, List<KnowledgeException> problems) {
        int offset = split.yamlFirstLine() - 1;
        Map<String, YamlValue> fields;
        try {
            fields = fields(file, split.yaml(), offset, problems);
        } catch (JsonProcessingException e) {
            problems.add(malformed(file, e, offset));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new KnowledgeException(file, 0, "cannot read the front matter: " + e.getMessage()));
            return Optional.empty();
        }
        if (fields == null) {
            return Optional.empty();
        }
        int openingLine = offset;
        Fields f = new Fields(file, fields, openingLine, problems);
        String id = f.requiredText("id");
        String title = f.requiredText("title");
        List<String> questions = f.list("questions", true);
        List<String> tags = f.list("tags", false);
        List<String> sources = f.list("sources", true);
        LocalDate reviewed = f.date("reviewed");
        f.taught();
        return Optional.of(new FrontMatter(id, title, questions, tags, sources, reviewed,
                f.line("id"), f.line("title"), f.itemLines("sources")));
    }

    /** The top-level keys with their values, or null when the block is not a mapping. */
    private Map<String, YamlValue> fields(Path file, String text, int offset, List<KnowledgeException> problems)
            throws IOException {
        Map<String, YamlValue> fields = new LinkedHashMap<>();
        try (JsonParser p = yaml.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return fields;
            }
            if (first != JsonToken.START_OBJECT) {
                problems.add(new KnowledgeException(file, line(p, offset),
                        "the front matter must be \"key: value\" lines (id, title, questions, ...)"));
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p, offset);
                p.nextToken();
                YamlValue value = value(p, offset);
                YamlValue earlier = fields.get(key);
                if (earlier != null) {
                    problems.add(new KnowledgeException(file, keyLine,
                            "field '" + key + "' is given twice (first at line " + earlier.line() + ")"));
                } else if (!FrontMatter.FIELDS.contains(key)) {
                    problems.add(new KnowledgeException(file, keyLine,
                            "unknown field '" + key + "'; allowed: " + String.join(", ", FrontMatter.FIELDS)));
                } else {
                    fields.put(key, keyLine == value.line() ? value : withLine(value, keyLine));
                }
            }
        }
        return fields;
    }

    /** A field's value is reported at its key's line; list items keep their own lines. */
    private static YamlValue withLine(YamlValue v, int line) {
        return new YamlValue(v.kind(), v.text(), line, v.items());
    }

    private static YamlValue value(JsonParser p, int offset) throws IOException {
        JsonToken t = p.currentToken();
        int line = line(p, offset);
        if (t == JsonToken.START_ARRAY) {
            List<YamlValue> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonToken it = p.currentToken();
                int itemLine = line(p, offset);
                if (it == JsonToken.START_ARRAY || it == JsonToken.START_OBJECT) {
                    p.skipChildren();
                    items.add(YamlValue.of(it == JsonToken.START_ARRAY ? YamlValue.Kind.LIST : YamlValue.Kind.MAPPING, itemLine));
                } else {
                    items.add(scalar(p, itemLine));
                }
            }
            return YamlValue.list(items, line);
        }
        if (t == JsonToken.START_OBJECT) {
            p.skipChildren();
            return YamlValue.of(YamlValue.Kind.MAPPING, line);
        }
        return scalar(p, line);
    }

    private static YamlValue scalar(JsonParser p, int line) throws IOException {
        // Unquoted numbers and booleans are still text a writer meant ("2025", "да"), so they count as strings.
        return p.currentToken() == JsonToken.VALUE_NULL ? YamlValue.of(YamlValue.Kind.NULL, line) : YamlValue.scalar(p.getText(), line);
    }

    private static int line(JsonParser p, int offset) {
        return p.currentTokenLocation().getLineNr() + offset;
    }

    /**
     * SnakeYAML's own mark points at the offending character; Jackson's location is sometimes the last good
     * token instead (a tab on line 3 was reported at line 2), so the mark wins when there is one.
     */
    private static KnowledgeException malformed(Path file, JsonProcessingException e, int offset) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            StringBuilder problem = new StringBuilder("malformed YAML: ").append(m.getProblem());
            Mark context = m.getContextMark();
            if (m.getContext() != null && context != null && context.getLine() != m.getProblemMark().getLine()) {
                problem.append(" (").append(m.getContext()).append(" at line ").append(context.getLine() + 1 + offset).append(')');
            }
            return new KnowledgeException(file, m.getProblemMark().getLine() + 1 + offset, problem.toString());
        }
        JsonLocation loc = e.getLocation();
        int line = loc == null || loc.getLineNr() < 1 ? offset : loc.getLineNr() + offset;
        return new KnowledgeException(file, line, "malformed YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }

    /** Checks of single fields; each wrong field adds one problem at its own line. */
    private record Fields(Path file, Map<String, YamlValue> values, int openingLine,
                          List<KnowledgeException> problems) {
        int line(String key) {
            YamlValue v = values.get(key);
            return v == null ? openingLine : v.line();
        }

        /** The lines of the text items of a list field, in the order {@link #list} returns them. */
        List<Integer> itemLines(String key) {
            YamlValue v = values.get(key);
            if (v == null || v.kind() != YamlValue.Kind.LIST) {
                return List.of();
            }
            return v.items().stream().filter(i -> i.kind() == YamlValue.Kind.SCALAR && !i.text().isBlank())
                    .map(YamlValue::line).toList();
        }

        String requiredText(String key) {
            YamlValue v = values.get(key);
            if (v == null) {
                problem(openingLine, "missing field '" + key + "'");
                return null;
            }
            if (v.kind() == YamlValue.Kind.LIST || v.kind() == YamlValue.Kind.MAPPING) {
                problem(v.line(), "'" + key + "' must be a single line of text, not a list or a mapping");
                return null;
            }
            if (v.kind() == YamlValue.Kind.NULL || v.text().isBlank()) {
                problem(v.line(), "'" + key + "' is empty");
                return null;
            }
            return v.text().strip();
        }

        List<String> list(String key, boolean required) {
            YamlValue v = values.get(key);
            if (v == null || v.kind() == YamlValue.Kind.NULL) {
                if (required) {
                    problem(v == null ? openingLine : v.line(),
                            v == null ? "missing field '" + key + "'" : "'" + key + "' is empty");
                }
                return List.of();
            }
            if (v.kind() != YamlValue.Kind.LIST) {
                problem(v.line(), "'" + key + "' must be a list of strings (\"- text\" lines or [a, b])");
                return List.of();
            }
            if (v.items().isEmpty() && required) {
                problem(v.line(), "'" + key + "' is empty");
            }
            List<String> out = new ArrayList<>();
            for (YamlValue item : v.items()) {
                switch (item.kind()) {
                    case SCALAR -> {
                        if (item.text().isBlank()) {
                            problem(item.line(), "empty item in '" + key + "'");
                        } else {
                            out.add(item.text().strip());
                        }
                    }
                    case NULL -> problem(item.line(), "empty item in '" + key + "'");
                    case LIST, MAPPING -> problem(item.line(),
                            "'" + key + "' must be a list of strings; this item is a " + item.kind().name().toLowerCase()
                                    + " (a \": \" inside the text? put the text in quotes)");
                }
            }
            return out;
        }

        /** {@code taught:} is optional; each item must be in the form {@link TaughtVariant#format} writes. */
        void taught() {
            List<String> items = list("taught", false);
            List<Integer> lines = itemLines("taught");
            for (int i = 0; i < items.size(); i++) {
                if (TaughtVariant.parse(items.get(i)).isEmpty()) {
                    problem(i < lines.size() ? lines.get(i) : line("taught"),
                            "a 'taught' item must read \"case | YYYY-MM-DD | who | question\" (the desk writes them "
                                    + "when a consultant teaches a question)");
                }
            }
        }

        LocalDate date(String key) {
            YamlValue v = values.get(key);
            if (v == null || v.kind() == YamlValue.Kind.NULL) {
                return null;
            }
            if (v.kind() == YamlValue.Kind.SCALAR) {
                try {
                    return LocalDate.parse(v.text().strip());
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            problem(v.line(), "'" + key + "' must be a date like 2026-11-25");
            return null;
        }

        private void problem(int line, String text) {
            problems.add(new KnowledgeException(file, line, text));
        }
    }
}
