package ru.tos.dutydesk.crash;

import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.desk.TextSanitizer;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.matching.eval.EvalFile;
import ru.tos.dutydesk.matching.eval.EvalRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Questions from the project's own evaluation set, sorted by what the packaged desk will do with them: answer from
 * the bundled knowledge, or pass to a consultant. Decided by the same knowledge, thresholds and matcher the jar
 * loads, so the choice follows the matcher as it is tuned. Answers longer than one platform message are left out:
 * then every question has exactly one reply message, and a repeated message is a duplicate beyond doubt.
 */
record BundledQuestions(List<String> answered, List<String> escalated) {
    /** Well under Telegram's 4096 and VK's 4000-character parts, with the sources line and «Помогло?» added. */
    private static final int SHORT_ANSWER = 3000;

    static BundledQuestions load() {
        AppConfig config = new ConfigLoader(Map.of()).load(Path.of("config", "duty-desk.yml"));
        KnowledgeBase base = new KnowledgeLoader().load(Path.of("faq"), config.placeholders());
        LuceneMatcher matcher = new LuceneMatcher(base, RussianAnalysis.standard(), config.thresholds());
        IntentDetector intents = new IntentDetector();
        List<String> answered = new ArrayList<>();
        List<String> escalated = new ArrayList<>();
        for (EvalRow row : EvalFile.read(Path.of("src", "test", "resources", "eval", "own.tsv"))) {
            TextSanitizer.Clean clean = TextSanitizer.clean(row.question());
            String q = clean.text();
            if (q.isEmpty() || !q.equals(row.question()) || q.startsWith("/") || intents.detect(q).isPresent()) {
                continue; // greetings, thanks and "call a person" take other paths; only plain questions here
            }
            MatchResult r = matcher.match(q);
            if (r.decision() == Decision.ANSWER) {
                Entry e = base.entry(r.best().orElseThrow().entryId()).orElseThrow();
                if (e.body().length() < SHORT_ANSWER) {
                    answered.add(q);
                }
            } else if (r.decision() == Decision.ESCALATE) {
                escalated.add(q);
            }
        }
        return new BundledQuestions(List.copyOf(answered), List.copyOf(escalated));
    }
}
