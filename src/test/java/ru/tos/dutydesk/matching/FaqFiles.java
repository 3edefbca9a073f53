package ru.tos.dutydesk.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Stand-in for KnowledgeLoader (not on main yet): reads faq/ well enough for matching tests. To be deleted. */
public final class FaqFiles {
    private FaqFiles() {
    }

    public static KnowledgeBase load(Path dir) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(f);
                int end = text.indexOf("\n---", 4);
                JsonNode fm = yaml.readTree(text.substring(4, end));
                String body = text.substring(text.indexOf('\n', end + 1) + 1);
                entries.add(new Entry(fm.get("id").asText(), fm.get("title").asText(), list(fm.get("questions")),
                        list(fm.get("tags")), list(fm.get("sources")), LocalDate.parse(fm.get("reviewed").asText()), body, f));
            }
            List<List<String>> groups = new ArrayList<>();
            Path syn = dir.resolve("synonyms.txt");
            if (Files.exists(syn)) {
                for (String line : Files.readAllLines(syn)) {
                    String l = line.replaceAll("#.*", "").strip();
                    if (!l.isEmpty()) {
                        groups.add(Arrays.stream(l.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
                    }
                }
            }
            return new KnowledgeBase(entries, new Synonyms(groups));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
