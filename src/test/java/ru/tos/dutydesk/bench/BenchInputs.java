package ru.tos.dutydesk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.Thresholds;

/**
 * What every benchmark reads from the project: the bundled knowledge base, the thresholds of the shipped config and
 * the own evaluation questions. Paths are relative to the project root ({@code -Ddutydesk.root=...}, default the
 * working directory), because JMH forks run where the launcher was started.
 */
final class BenchInputs {
    /** Fixed, so that every run measures the same synthetic knowledge bases. */
    static final long SEED = 20261126L;

    private final Path root;
    private final AppConfig config;

    BenchInputs() {
        this.root = Path.of(System.getProperty("dutydesk.root", ".")).toAbsolutePath().normalize();
        this.config = new ConfigLoader(Map.of()).load(root.resolve("config/duty-desk.yml"));
    }

    Thresholds thresholds() {
        return config.thresholds();
    }

    KnowledgeBase bundled() {
        return new KnowledgeLoader().load(root.resolve("faq"), config.placeholders());
    }

    /** The bundled base when {@code size} is its own size, else a synthetic one of exactly {@code size} entries. */
    KnowledgeBase knowledge(int size) {
        KnowledgeBase bundled = bundled();
        return size == bundled.size() ? bundled : SyntheticKnowledge.grow(bundled, size, SEED);
    }

    /** The question column of {@code src/test/resources/eval/own.tsv}, in file order. */
    List<String> questions() {
        Path tsv = root.resolve("src/test/resources/eval/own.tsv");
        try {
            List<String> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                int tab = line.indexOf('\t');
                String q = tab < 0 ? line : line.substring(0, tab);
                if (!q.isBlank()) {
                    out.add(q);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
