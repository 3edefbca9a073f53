package ru.tos.dutydesk.knowledge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small YAML file (laws.yml, sources.yml) read into nodes that keep their lines, so that a wrong value is
 * reported where the writer sees it; Jackson's own tree forgets locations.
 */
record YamlTree(Kind kind, String text, int line, List<YamlTree> items, Map<String, YamlTree> fields) {
    enum Kind { SCALAR, NULL, LIST, MAPPING }

    /** The root node, or empty with the problem added when the YAML does not parse. */
    static Optional<YamlTree> read(Path file, String text, List<KnowledgeException> problems) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Optional.of(new YamlTree(Kind.NULL, null, 1, List.of(), Map.of()));
            }
            return Optional.of(node(p));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new KnowledgeException(file, line,
                    "malformed YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            problems.add(new KnowledgeException(file, 0, "cannot read: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static YamlTree node(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        int line = p.currentTokenLocation().getLineNr();
        if (t == JsonToken.START_ARRAY) {
            List<YamlTree> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(p));
            }
            return new YamlTree(Kind.LIST, null, line, items, Map.of());
        }
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlTree> fields = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                YamlTree value = node(p);
                // a value is reported at its key's line
                fields.putIfAbsent(key, new YamlTree(value.kind, value.text, keyLine, value.items, value.fields));
            }
            return new YamlTree(Kind.MAPPING, null, line, List.of(), fields);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new YamlTree(Kind.NULL, null, line, List.of(), Map.of());
        }
        return new YamlTree(Kind.SCALAR, p.getText(), line, List.of(), Map.of());
    }

    boolean isText() {
        return kind == Kind.SCALAR && !text.isBlank();
    }
}
