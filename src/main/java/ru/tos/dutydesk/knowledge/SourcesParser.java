package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code faq/sources.yml}: {@code weak:} (kind to patterns), {@code official:} hosts, optional {@code own:}. */
final class SourcesParser {
    private static final Set<String> KEYS = Set.of("weak", "official", "own");

    SourcePolicy parse(Path file, List<KnowledgeException> problems) {
        return KnowledgeText.read(file, problems).map(text -> parse(file, text, problems)).orElse(SourcePolicy.none());
    }

    SourcePolicy parse(Path file, String text, List<KnowledgeException> problems) {
        List<KnowledgeException> found = new ArrayList<>();
        YamlTree root = YamlTree.read(file, text.replace("\uFEFF", ""), found).orElse(null);
        Map<String, List<String>> weak = new LinkedHashMap<>();
        List<String> official = List.of();
        List<String> own = List.of();
        if (root != null && root.kind() != YamlTree.Kind.MAPPING && root.kind() != YamlTree.Kind.NULL) {
            found.add(new KnowledgeException(file, root.line(), "expected 'weak:', 'official:' and 'own:' keys"));
        } else if (root != null) {
            root.fields().forEach((key, v) -> {
                if (!KEYS.contains(key)) {
                    found.add(new KnowledgeException(file, v.line(), "unknown key '" + key + "'; allowed: weak, official, own"));
                }
            });
            YamlTree w = root.fields().get("weak");
            if (w != null) {
                if (w.kind() != YamlTree.Kind.MAPPING) {
                    found.add(new KnowledgeException(file, w.line(), "'weak' maps a kind (forum, essay, ...) to a list of hosts or words"));
                } else {
                    w.fields().forEach((kind, list) -> weak.put(kind, strings(file, kind, list, found)));
                }
            }
            YamlTree o = root.fields().get("official");
            if (o != null) {
                official = strings(file, "official", o, found);
            }
            YamlTree m = root.fields().get("own");
            if (m != null) {
                own = strings(file, "own", m, found);
            }
        }
        found.sort(Comparator.comparingInt(KnowledgeException::line));
        problems.addAll(found);
        return new SourcePolicy(weak, official, own);
    }

    private static List<String> strings(Path file, String key, YamlTree v, List<KnowledgeException> found) {
        if (v.kind() != YamlTree.Kind.LIST) {
            found.add(new KnowledgeException(file, v.line(), "'" + key + "' must be a list ([a, b] or - lines)"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlTree item : v.items()) {
            if (item.isText()) {
                out.add(item.text().strip());
            } else {
                found.add(new KnowledgeException(file, item.line(), "an item of '" + key + "' must be text"));
            }
        }
        return out;
    }
}
