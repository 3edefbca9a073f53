package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeCheck;
import ru.tos.dutydesk.knowledge.KnowledgeException;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.knowledge.KnowledgeReport;
import ru.tos.dutydesk.knowledge.ReviewSchedule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kb check}: is the knowledge base valid and complete? */
@Command(name = "kb", description = "Knowledge base tools.", subcommands = {KbCommand.Check.class, KbInbox.class, KbReplay.class})
final class KbCommand {

    @Command(name = "check", description = "Validate faq/: exits non-zero and names file and line on any problem.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--due", description = "Instead: list the entries due for review (reviewed longer ago than "
                + "knowledge.review-every, or citing a law that changes status within 90 days); exit 1 if any, 0 if none.")
        boolean due;

        @Option(names = "--on", paramLabel = "DATE", description = "With --due: what is due on this day (YYYY-MM-DD) "
                + "instead of today, e.g. to plan the next review.")
        LocalDate on;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (on != null && !due) {
                err.println("--on goes with --due");
                return 2;
            }
            try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
                KnowledgeBase kb;
                try {
                    kb = new KnowledgeLoader(ctx.config().knowledgeFileLimitBytes()).load(ctx.faqDir(), ctx.config().placeholders());
                } catch (KnowledgeException e) {
                    err.println(e.getMessage());
                    return 1;
                }
                if (due) {
                    return new DueListing(ctx.faqDir())
                            .print(kb, schedule(ctx.config().zone(), ctx.config().desk().reviewEvery()), out);
                }
                KnowledgeReport report = new KnowledgeCheck().check(kb, requiredTopics());
                report.lines().forEach(report.hasErrors() ? err::println : out::println);
                if (!report.hasErrors()) {
                    out.println("ok: every required topic is covered (" + requiredTopics().size() + " topics)");
                }
                int drafts = new ru.tos.dutydesk.knowledge.KnowledgeEditor(ctx.faqDir()).drafts().size();
                if (drafts > 0) {
                    // drafts are not knowledge yet: never loaded, never an error
                    out.println("drafts: " + drafts + " in " + KnowledgeLoader.DRAFTS_DIR
                            + "/ (not loaded until their sources are completed and they are moved out)");
                }
                return report.hasErrors() ? 1 : 0;
            }
        }

        /** Today by the desk's timezone, or the day given with --on. */
        private ReviewSchedule schedule(ZoneId zone, Period every) {
            Clock clock = on == null ? Clock.system(zone) : Clock.fixed(on.atStartOfDay(zone).toInstant(), zone);
            return new ReviewSchedule(every, clock, zone);
        }
    }

    /** The topic ids the desk must cover (the intents are the desk's own, not files). */
    static List<String> requiredTopics() throws IOException {
        try (InputStream in = KbCommand.class.getResourceAsStream("/required-topics.txt")) {
            if (in == null) {
                throw new IOException("required-topics.txt is missing from the jar");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
