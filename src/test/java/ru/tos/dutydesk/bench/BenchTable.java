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
 * (matcher.json, build.json), the lines of IndexHeap, StartupProbe and LoadRun. Missing parts are shown as missing.
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
        Path startup = dir.resolve("startup.txt");
        System.out.println();
        if (Files.exists(startup)) {
            Files.readAllLines(startup).forEach(l -> System.out.println("  " + l));
        } else {
            System.out.println("  start-up: not measured");
        }
        Path cpu = dir.resolve("cpu.txt");
        if (Files.exists(cpu)) {
            Files.readAllLines(cpu).forEach(l -> System.out.println("  " + l));
        }
        Path load = dir.resolve("load.txt");
        if (Files.exists(load)) {
            Files.readAllLines(load).forEach(l -> System.out.println("  " + l));
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
