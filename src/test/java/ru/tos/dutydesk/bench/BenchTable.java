package ru.tos.dutydesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints the benchmark table from what {@code scripts/bench.sh} left in its output directory: JMH's JSON results
 * (matcher.json, build.json), the lines of IndexHeap, StartupProbe and LoadRun, the machine and load average, and
 * before/after ratios when a baseline revision ran in the same command. Missing parts are shown as missing.
 */
public final class BenchTable {
    private BenchTable() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String size : new String[] {"45", "1000", "10000"}) {
            rows.put(size, new String[] {"-", "-", "-", "-"});
        }
        ObjectMapper json = new ObjectMapper();
        Path matcher = dir.resolve("matcher.json");
        if (Files.exists(matcher)) {
            for (JsonNode run : json.readTree(matcher.toFile())) {
                JsonNode m = run.get("primaryMetric");
                String[] row = rows.computeIfAbsent(run.at("/params/entries").asText(), k -> new String[] {"-", "-", "-", "-"});
                row[0] = String.format("%.1f", m.get("score").asDouble());
                row[1] = String.format("%.1f", m.at("/scorePercentiles/99.0").asDouble());
            }
        }
        Path build = dir.resolve("build.json");
        if (Files.exists(build)) {
            for (JsonNode run : json.readTree(build.toFile())) {
                JsonNode m = run.get("primaryMetric");
                String[] row = rows.computeIfAbsent(run.at("/params/entries").asText(), k -> new String[] {"-", "-", "-", "-"});
                row[2] = String.format("%.0f ± %.0f", m.get("score").asDouble(), m.get("scoreError").asDouble());
            }
        }
        Path heap = dir.resolve("heap.txt");
        if (Files.exists(heap)) {
            for (String line : Files.readAllLines(heap)) {
                Map<String, String> kv = keyValues(line);
                if (line.startsWith("index-heap") && rows.containsKey(kv.get("entries"))) {
                    rows.get(kv.get("entries"))[3] = kv.get("mib");
                }
            }
        }
        System.out.println();
        System.out.println("| entries | match mean, µs | match p99, µs | index build, ms | index heap, MiB |");
        System.out.println("|--------:|---------------:|--------------:|----------------:|----------------:|");
        rows.forEach((size, r) -> System.out.printf("| %s | %s | %s | %s | %s |%n", size, r[0], r[1], r[2], r[3]));
        Path cpu = dir.resolve("cpu.txt");
        if (Files.exists(cpu)) {
            Files.readAllLines(cpu).forEach(l -> System.out.println("  " + l));
        }
        System.out.println();
        printAll(dir.resolve("machine.txt"), "machine: not recorded");
        System.out.println();
        System.out.println("start-up and memory (scripts/run; then plain java -jar; then the baseline):");
        printAll(dir.resolve("startup.txt"), "start-up: not measured");
        printAll(dir.resolve("startup-plain.txt"), "");
        printAll(dir.resolve("baseline/startup.txt"), "");
        System.out.println();
        System.out.println("whole path:");
        printAll(dir.resolve("load.txt"), "load run: not measured");
        printAll(dir.resolve("baseline/revision.txt"), "");
        printAll(dir.resolve("baseline/load.txt"), "");
        ratios(dir);
    }

    /** Before/after ratios where the baseline ran in the same command. */
    private static void ratios(Path dir) throws IOException {
        Path baseLoad = dir.resolve("baseline/load.txt");
        Path load = dir.resolve("load.txt");
        if (Files.exists(baseLoad) && Files.exists(load)) {
            Map<String, String> before = line(baseLoad, "load saturation");
            Map<String, String> after = line(load, "load saturation matcher=real max-mps=1000");
            Map<String, String> beforeP = line(baseLoad, "load fixed-rate");
            Map<String, String> afterP = line(load, "load fixed-rate matcher=real max-mps=1000");
            ratio("inbound updates/s (saturation, real matcher)", number(after.get("inbound")), number(before.get("inbound")));
            ratio("p99 update-to-reply at 100/s, baseline ÷ now", number(beforeP.get("p99-ms")), number(afterP.get("p99-ms")));
        }
        Path baseStart = dir.resolve("baseline/startup.txt");
        Path start = dir.resolve("startup.txt");
        if (Files.exists(baseStart) && Files.exists(start)) {
            ratio("first getUpdates, baseline ÷ now", number(line(baseStart, "startup first").get("first-getupdates-ms")),
                    number(line(start, "startup first").get("first-getupdates-ms")));
            ratio("VmRSS after the questions, baseline ÷ now", number(line(baseStart, "rss").get("vmrss-mib")),
                    number(line(start, "rss").get("vmrss-mib")));
        }
    }

    private static void ratio(String what, double a, double b) {
        if (!Double.isNaN(a) && !Double.isNaN(b) && b > 0) {
            System.out.printf("  ratio %s: %.2f%n", what, a / b);
        }
    }

    private static Map<String, String> line(Path file, String prefix) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(BenchTable::keyValues).orElse(Map.of());
    }

    private static double number(String value) {
        if (value == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value.replaceAll("[^0-9.]", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void printAll(Path file, String ifMissing) throws IOException {
        if (Files.exists(file)) {
            Files.readAllLines(file).forEach(l -> System.out.println("  " + l));
        } else if (!ifMissing.isEmpty()) {
            System.out.println("  " + ifMissing);
        }
    }

    private static Map<String, String> keyValues(String line) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : line.split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return kv;
    }
}
