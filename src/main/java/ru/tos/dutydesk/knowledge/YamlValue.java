package ru.tos.dutydesk.knowledge;

import java.util.List;

/**
 * A front-matter value as written, with the file line it starts on. Kept this raw (rather than binding straight
 * to {@link FrontMatter}) so that every wrong field can be reported at its own line, not only the first.
 */
record YamlValue(Kind kind, String text, int line, List<YamlValue> items) {
    enum Kind { SCALAR, NULL, LIST, MAPPING }

    static YamlValue scalar(String text, int line) {
        return new YamlValue(Kind.SCALAR, text, line, List.of());
    }

    static YamlValue of(Kind kind, int line) {
        return new YamlValue(kind, null, line, List.of());
    }

    static YamlValue list(List<YamlValue> items, int line) {
        return new YamlValue(Kind.LIST, null, line, items);
    }
}
