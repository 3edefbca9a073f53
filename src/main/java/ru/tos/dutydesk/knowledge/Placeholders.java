package ru.tos.dutydesk.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {{name}}} from the configuration, so that the association's details live in one place. */
final class Placeholders {
    private static final Pattern USE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private final Map<String, String> values;

    Placeholders(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * @param firstLine file line of the first line of {@code text}
     * @return the text with known placeholders filled; unknown ones are left as they are and reported
     */
    String fill(Path file, String text, int firstLine, List<KnowledgeException> problems) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            int line = firstLine + i;
            Matcher m = USE.matcher(lines[i]);
            while (m.find()) {
                String name = m.group(1);
                String value = values.get(name);
                if (value == null) {
                    problems.add(new KnowledgeException(file, line, "unknown placeholder {{" + name + "}}; known: "
                            + (values.isEmpty() ? "none" : String.join(", ", new TreeSet<>(values.keySet())))));
                    m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                } else {
                    m.appendReplacement(out, Matcher.quoteReplacement(value));
                }
            }
            m.appendTail(out);
            if (USE.matcher(lines[i]).replaceAll("").contains("{{")) {
                problems.add(new KnowledgeException(file, line, "a {{ without a matching }}"));
            }
        }
        return out.toString();
    }
}
