package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.VariantGuard;
import ru.tos.dutydesk.matching.eval.EvalRow;
import ru.tos.dutydesk.matching.eval.Evaluation;
import ru.tos.dutydesk.matching.eval.Replay;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kb replay FILE --seed S}: half of an evaluation file played as residents' questions with a consultant who
 * teaches the expected entry whenever the desk did not answer correctly at once; then both halves measured again.
 * Nothing is written: the taught variants live in memory only. The guard asks the knowledge's own variants, not the
 * evaluation files, since those hold the half being measured.
 */
@Command(name = "replay", description = "Replay half of FILE with a consultant who teaches the right entry, then "
        + "measure both halves before and after (nothing is written).")
final class KbReplay implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "how the rows are shuffled before they are halved (default 1)")
    long seed = 1;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        List<EvalRow> rows = EvalCommand.readRows(file);
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            KnowledgeBase kb = ctx.knowledgeBase();
            Replay replay = new Replay(new Evaluation(new IntentDetector()), new VariantGuard(ctx::matcher, List.of()),
                    ctx.config().thresholds());
            Replay.Result result = replay.run(rows, seed, kb, ctx.matcher(kb));
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.print(Replay.toText(file.getFileName().toString(), result));
            out.flush();
            return 0;
        }
    }
}
