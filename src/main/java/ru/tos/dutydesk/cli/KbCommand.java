package ru.tos.dutydesk.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeCheck;
import ru.tos.dutydesk.knowledge.KnowledgeException;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.knowledge.KnowledgeReport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kb check}: is the knowledge base valid and complete? */
@Command(name = "kb", description = "Knowledge base tools.", subcommands = KbCommand.Check.class)
final class KbCommand {

    @Command(name = "check", description = "Validate faq/: exits non-zero and names file and line on any problem.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
                KnowledgeBase kb;
                try {
                    kb = new KnowledgeLoader(ctx.config().knowledgeFileLimitBytes()).load(ctx.faqDir(), ctx.config().placeholders());
                } catch (KnowledgeException e) {
                    err.println(e.getMessage());
                    return 1;
                }
                KnowledgeReport report = new KnowledgeCheck().check(kb, requiredTopics());
                report.lines().forEach(report.hasErrors() ? err::println : out::println);
                if (!report.hasErrors()) {
                    out.println("ok: every required topic is covered (" + requiredTopics().size() + " topics)");
                }
                return report.hasErrors() ? 1 : 0;
            }
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
