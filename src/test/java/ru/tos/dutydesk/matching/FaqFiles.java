package ru.tos.dutydesk.matching;

import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;

import java.nio.file.Path;
import java.util.Map;

/** The repository's knowledge base as the desk loads it, placeholders filled from the shipped config. */
public final class FaqFiles {
    private FaqFiles() {
    }

    public static KnowledgeBase load(Path dir) {
        return new KnowledgeLoader().load(dir,
                new ConfigLoader(Map.of()).load(Path.of("config/duty-desk.yml")).placeholders());
    }

    /** The matcher the desk builds from the shipped knowledge base and the shipped config's thresholds. */
    public static LuceneMatcher shippedMatcher() {
        Thresholds thresholds = new ConfigLoader(Map.of()).load(Path.of("config/duty-desk.yml")).thresholds();
        return new LuceneMatcher(load(Path.of("faq")), RussianAnalysis.standard(), thresholds);
    }
}
