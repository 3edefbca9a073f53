package ru.tos.dutydesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Intent;
import ru.tos.dutydesk.matching.MatchResult;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** One question through the matcher, without a conversation or a database. */
@Command(name = "ask", description = "Show what the desk would do with one question.")
final class AskCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "the question (several words are joined)")
    String[] words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String question = String.join(" ", words);
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            Knowledge k = ctx.knowledge();
            Optional<Intent> intent = k.intents().detect(question);
            MatchResult match = intent.isPresent() ? MatchResult.escalate() : k.matcher().match(question);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(intent, match, k));
            } else {
                printText(out, intent, match, k);
            }
        }
        return 0;
    }

    private static String toJson(Optional<Intent> intent, MatchResult match, Knowledge k) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        if (intent.isPresent()) {
            o.put("decision", "INTENT");
            o.put("id", intent.get().id());
            o.putNull("title");
            o.put("score", 1.0);
        } else {
            o.put("decision", match.decision().name());
            o.put("wordless", match.wordless());
            Optional<Candidate> best = match.best();
            if (best.isPresent()) {
                o.put("id", best.get().entryId());
                o.put("title", best.get().title());
                o.put("score", round(best.get().score()));
            } else {
                o.putNull("id");
                o.putNull("title");
                o.put("score", 0.0);
            }
        }
        ArrayNode candidates = o.putArray("candidates");
        for (Candidate c : match.candidates()) {
            candidates.addObject().put("id", c.entryId()).put("score", round(c.score())).put("off_topic", c.offTopic());
        }
        return mapper.writeValueAsString(o);
    }

    private static void printText(PrintWriter out, Optional<Intent> intent, MatchResult match, Knowledge k) {
        if (intent.isPresent()) {
            out.println("INTENT " + intent.get().id());
            return;
        }
        out.println(match.wordless()
                ? match.decision() + " (no meaningful word: the desk asks for the question in words)"
                : match.decision().name());
        for (Candidate c : match.candidates()) {
            out.printf(Locale.ROOT, "  %.3f  %-32s %s%s%n", c.score(), c.entryId(), c.offTopic() ? "не о ТОС: " : "", c.title());
        }
        if (match.decision() == ru.tos.dutydesk.matching.Decision.ANSWER) {
            out.println();
            out.println(k.base().entry(match.best().orElseThrow().entryId()).orElseThrow().body().strip());
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
