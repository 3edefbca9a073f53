package ru.tos.dutydesk.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: every line is a HELP or TYPE comment or a sample;
 * names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; each sample's family has its TYPE line before it, once.
 */
public final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) (" + NAME + ") (.+)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?\\})? "
            + "(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|NaN|\\+Inf|-Inf)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusText() {
    }

    /** Checks the text and returns each sample, {@code name{labels}} to value; throws AssertionError on a bad line. */
    public static Map<String, Double> samples(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("the text must end with a line feed");
        }
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            Matcher c = COMMENT.matcher(line);
            Matcher s = SAMPLE.matcher(line);
            if (c.matches()) {
                if (c.group(1).equals("TYPE")) {
                    if (!TYPES.contains(c.group(3)) || types.put(c.group(2), c.group(3)) != null) {
                        throw new AssertionError("line " + n + ": bad or repeated TYPE: " + line);
                    }
                }
            } else if (s.matches()) {
                String family = family(s.group(1), types);
                if (family == null) {
                    throw new AssertionError("line " + n + ": sample without a TYPE line before it: " + line);
                }
                String key = s.group(1) + (s.group(2) == null ? "" : s.group(2));
                if (samples.put(key, Double.valueOf(s.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"))) != null) {
                    throw new AssertionError("line " + n + ": repeated sample " + key);
                }
            } else {
                throw new AssertionError("line " + n + ": neither a HELP/TYPE comment nor a sample: " + line);
            }
        }
        return samples;
    }

    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
                    return base;
                }
            }
        }
        return null;
    }
}
