package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code faq/laws.yml}: a list {@code laws:} of {@code id, title, link, status} (in-force, expiring with
 * {@code until:}, repealed with {@code since:}), optional {@code replaced-by:} and {@code aliases:}.
 * Every problem is reported at its own line.
 */
final class LawsParser {
    private static final Set<String> FIELDS = Set.of("id", "title", "link", "status", "until", "since", "replaced-by", "aliases");

    LawRegistry parse(Path file, List<KnowledgeException> problems) {
        return KnowledgeText.read(file, problems).map(text -> parse(file, text, problems)).orElse(LawRegistry.empty());
    }

    LawRegistry parse(Path file, String text, List<KnowledgeException> problems) {
        List<KnowledgeException> found = new ArrayList<>();
        List<Law> laws = new ArrayList<>();
        YamlTree root = YamlTree.read(file, text.replace("\uFEFF", ""), found).orElse(null);
        if (root != null) {
            YamlTree list = root.kind() == YamlTree.Kind.MAPPING ? root.fields().get("laws") : null;
            if (root.kind() != YamlTree.Kind.MAPPING || list == null || list.kind() != YamlTree.Kind.LIST) {
                found.add(new KnowledgeException(file, root.line(), "expected 'laws:' followed by a list of laws (- id: 33-ФЗ ...)"));
            } else {
                for (String key : root.fields().keySet()) {
                    if (!key.equals("laws")) {
                        found.add(new KnowledgeException(file, root.fields().get(key).line(), "unknown key '" + key + "'; only 'laws'"));
                    }
                }
                Map<String, Integer> lineById = new HashMap<>();
                for (YamlTree item : list.items()) {
                    Law law = law(file, item, found);
                    if (law == null) {
                        continue;
                    }
                    Integer first = lineById.putIfAbsent(law.id(), item.line());
                    if (first != null) {
                        found.add(new KnowledgeException(file, item.line(), "duplicate law '" + law.id() + "' (first at line " + first + ")"));
                    } else {
                        laws.add(law);
                    }
                }
                checkReplacements(file, list, laws, found);
            }
        }
        found.sort(Comparator.comparingInt(KnowledgeException::line));
        problems.addAll(found);
        return found.isEmpty() ? new LawRegistry(laws) : LawRegistry.empty();
    }

    private static void checkReplacements(Path file, YamlTree list, List<Law> laws, List<KnowledgeException> found) {
        Set<String> ids = new java.util.HashSet<>();
        laws.forEach(l -> ids.add(l.id()));
        for (YamlTree item : list.items()) {
            YamlTree by = item.fields().get("replaced-by");
            if (by != null && by.isText() && !ids.contains(by.text().strip())) {
                found.add(new KnowledgeException(file, by.line(), "replaced-by '" + by.text().strip() + "' is not a law of this file"));
            }
        }
    }

    private static Law law(Path file, YamlTree item, List<KnowledgeException> found) {
        if (item.kind() != YamlTree.Kind.MAPPING) {
            found.add(new KnowledgeException(file, item.line(), "a law is a mapping: id, title, link, status"));
            return null;
        }
        int before = found.size();
        for (var e : item.fields().entrySet()) {
            if (!FIELDS.contains(e.getKey())) {
                found.add(new KnowledgeException(file, e.getValue().line(), "unknown field '" + e.getKey()
                        + "'; allowed: id, title, link, status, until, since, replaced-by, aliases"));
            }
        }
        String id = text(file, item, "id", true, found);
        String title = text(file, item, "title", true, found);
        String link = text(file, item, "link", true, found);
        if (link != null && !link.matches("https?://\\S+")) {
            found.add(new KnowledgeException(file, item.fields().get("link").line(), "link must be an http(s) address"));
        }
        String statusWord = text(file, item, "status", true, found);
        Law.Status status = null;
        if (statusWord != null) {
            status = Arrays.stream(Law.Status.values()).filter(s -> s.word.equals(statusWord)).findFirst().orElse(null);
            if (status == null) {
                found.add(new KnowledgeException(file, item.fields().get("status").line(),
                        "status '" + statusWord + "' is not one of in-force, expiring, repealed"));
            }
        }
        LocalDate until = date(file, item, "until", found);
        LocalDate since = date(file, item, "since", found);
        if (status == Law.Status.EXPIRING && until == null && !item.fields().containsKey("until")) {
            found.add(new KnowledgeException(file, item.line(), "an expiring law needs 'until:' (the day it loses force)"));
        }
        if (status == Law.Status.REPEALED && since == null && !item.fields().containsKey("since")) {
            found.add(new KnowledgeException(file, item.line(), "a repealed law needs 'since:' (the day it lost force)"));
        }
        if (status == Law.Status.IN_FORCE && (until != null || since != null)) {
            found.add(new KnowledgeException(file, item.line(), "a law in force has no 'until:' or 'since:'; is it expiring?"));
        }
        String replacedBy = text(file, item, "replaced-by", false, found);
        List<String> aliases = new ArrayList<>();
        YamlTree a = item.fields().get("aliases");
        if (a != null) {
            if (a.kind() != YamlTree.Kind.LIST) {
                found.add(new KnowledgeException(file, a.line(), "aliases must be a list ([a, b] or - lines)"));
            } else {
                for (YamlTree alias : a.items()) {
                    if (alias.isText()) {
                        aliases.add(alias.text().strip());
                    } else {
                        found.add(new KnowledgeException(file, alias.line(), "an alias must be text"));
                    }
                }
            }
        }
        if (found.size() > before) {
            return null;
        }
        return new Law(id, title, link, status, until, since, replacedBy, aliases);
    }

    private static String text(Path file, YamlTree item, String key, boolean required, List<KnowledgeException> found) {
        YamlTree v = item.fields().get(key);
        if (v == null) {
            if (required) {
                found.add(new KnowledgeException(file, item.line(), "law without '" + key + "'"));
            }
            return null;
        }
        if (!v.isText()) {
            found.add(new KnowledgeException(file, v.line(), "'" + key + "' must be a single line of text"));
            return null;
        }
        return v.text().strip();
    }

    private static LocalDate date(Path file, YamlTree item, String key, List<KnowledgeException> found) {
        YamlTree v = item.fields().get(key);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.isText() ? v.text().strip() : "");
        } catch (DateTimeParseException e) {
            found.add(new KnowledgeException(file, v.line(), "'" + key + "' must be a date like 2028-01-01"));
            return null;
        }
    }
}
