package ru.tos.dutydesk.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what Jackson and SnakeYAML say about a config file into one line an administrator can act on: the file, the
 * line, the key and what is expected there, in plain words and without Java class names.
 */
final class ConfigErrorText {
    private static final Pattern GIVEN_STRING = Pattern.compile("from String \"(.*?)\"");
    private static final Pattern KEY_ON_LINE = Pattern.compile("^\\s*-?\\s*([\\w.-]+)\\s*:");

    private ConfigErrorText() {
    }

    static String of(Path file, String text, JsonProcessingException e) {
        return file + ": " + describe(text, e);
    }

    private static String describe(String text, JsonProcessingException e) {
        MarkedYAMLException yaml = yamlCause(e);
        if (yaml != null) {
            return notYaml(text, yaml);
        }
        if (!(e instanceof JsonMappingException m)) {
            return "not valid YAML: " + firstLine(e.getOriginalMessage());
        }
        List<String> path = path(m);
        String key = String.join(".", path).replace(".[", "[");
        OptionalInt line = YamlKeyLines.lineOf(text, path);
        String at = line.isPresent() ? " (line " + line.getAsInt() + ")"
                : m.getLocation() == null ? "" : " (line " + m.getLocation().getLineNr() + ")";
        if (m instanceof UnrecognizedPropertyException u) {
            return key + ": unknown key" + at + knownKeys(path, u.getKnownPropertyIds());
        }
        if (line.isPresent()) {
            String swallowed = swallowedLine(text, line.getAsInt(), key);
            if (swallowed != null) {
                return swallowed;
            }
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return key + ": expected " + expected(mi.getTargetType()) + ", not " + given(mi) + at;
        }
        return key + ": " + firstLine(m.getOriginalMessage()) + at;
    }

    /** A key indented deeper than the line above is read by YAML as the rest of that line's value. */
    private static String swallowedLine(String text, int line, String key) {
        String[] lines = text.split("\n", -1);
        if (line >= lines.length) {
            return null;
        }
        String here = lines[line - 1];
        String next = lines[line];
        boolean hasValue = here.indexOf(':') > 0 && !here.substring(here.indexOf(':') + 1).isBlank();
        boolean nextIsKey = KEY_ON_LINE.matcher(next).find() && !next.trim().startsWith("-") && !next.trim().startsWith("#");
        if (hasValue && nextIsKey && keyColumn(next) > keyColumn(here)) {
            return "line " + (line + 1) + " is indented more than line " + line + ", so YAML reads it as part of the value of "
                    + key + ": indent it like the keys beside it";
        }
        return null;
    }

    private static String notYaml(String text, MarkedYAMLException y) {
        int line = y.getProblemMark() != null ? y.getProblemMark().getLine() + 1
                : y.getContextMark() != null ? y.getContextMark().getLine() + 1 : 0;
        String problem = y.getProblem() == null ? "" : y.getProblem();
        String where = line == 0 ? "" : "line " + line + keyOn(text, line) + ": ";
        if (problem.contains("\t") || problem.contains("(TAB)")) {
            return where + "not valid YAML: a tab is used for indentation; indent with spaces, not tabs";
        }
        return where + "not valid YAML (" + firstLine(problem) + "): indent it like the keys beside it, and put "
                + "quotes around a value that holds «: » or starts with a special character";
    }

    private static String keyOn(String text, int line) {
        String[] lines = text.split("\n", -1);
        if (line > lines.length) {
            return "";
        }
        Matcher k = KEY_ON_LINE.matcher(lines[line - 1]);
        return k.find() ? " (" + k.group(1) + ")" : "";
    }

    private static MarkedYAMLException yamlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y) {
                return y;
            }
        }
        return null;
    }

    private static List<String> path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .toList();
    }

    private static String knownKeys(List<String> path, Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "";
        }
        String names = known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        List<String> parent = path.subList(0, path.size() - 1);
        return parent.isEmpty() ? ": the top-level keys are " + names
                : ": the keys of " + String.join(".", parent).replace(".[", "[") + " are " + names;
    }

    /** What a value of this Java type looks like in the config. */
    static String expected(Class<?> type) {
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || type == java.math.BigDecimal.class) {
            return "a number (like 0.42)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type == LocalDate.class) {
            return "a date like 2026-12-10";
        }
        if (type == LocalTime.class) {
            return "a time like \"09:00\"";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list (like [1, 2] or lines starting with «- »)";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a section of «key: value» lines";
        }
        return "a section of «key: value» lines indented under it";
    }

    /** What was written instead, as Jackson describes it. */
    private static String given(MismatchedInputException e) {
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            return "'" + f.getValue() + "'";
        }
        String message = String.valueOf(e.getOriginalMessage());
        Matcher s = GIVEN_STRING.matcher(message);
        if (s.find()) {
            return "'" + s.group(1) + "'";
        }
        if (message.contains("from Array value")) {
            return "a list";
        }
        if (message.contains("from Object value")) {
            return "a section of keys";
        }
        if (message.contains("from Integer value") || message.contains("from Floating-point value")) {
            return "a number";
        }
        if (message.contains("from Boolean value")) {
            return "true or false";
        }
        if (message.contains("from Null value") || message.contains("null")) {
            return "nothing";
        }
        return "what is written there";
    }

    /** Where the key starts: after the indentation and a list item's «- ». */
    private static int keyColumn(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
