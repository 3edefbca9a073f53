package ru.tos.dutydesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.desk.LearningCase;
import ru.tos.dutydesk.desk.LearningInbox;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeEditor;
import ru.tos.dutydesk.knowledge.TaughtVariant;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kb inbox}: what the desk could learn, from the open learning cases of the database (works beside a running
 * desk); with {@code --taught}, the variants taught from the chat, as the knowledge files record them.
 */
@Command(name = "inbox", description = "Open learning cases grouped as proposals: new variants of an entry, and new "
        + "entries from similar escalated questions (with the consultants' answers). Works beside a running desk.")
final class KbInbox implements Callable<Integer> {
    private static final int ANSWER_SHOWN = 200;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--taught", description = "instead: the variants taught from the chat (who, when, case), to review "
            + "and take back with /untaught K")
    boolean taught;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            KnowledgeBase base = ctx.knowledgeBase();
            KnowledgeEditor editor = new KnowledgeEditor(ctx.faqDir());
            if (taught) {
                printTaught(base, editor, out);
                return 0;
            }
            List<LearningCase> open = ctx.sharedStore().inTransaction(tx -> tx.openLearningCases(Instant.EPOCH));
            Knowledge knowledge = ctx.knowledge(base);
            LearningInbox.Proposals proposals = new LearningInbox().group(open, knowledge);
            List<Path> drafts = editor.drafts();
            if (json) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(proposals, drafts, ctx.faqDir())));
            } else {
                printText(proposals, open.size(), drafts, ctx.faqDir(), out);
            }
            return 0;
        }
    }

    private void printText(LearningInbox.Proposals p, int open, List<Path> drafts, Path faq, PrintWriter out) {
        out.println("Открытых случаев обучения: " + open);
        if (p.isEmpty()) {
            out.println("Учиться не на чем.");
        }
        if (!p.variants().isEmpty()) {
            out.println();
            out.println("Новые формулировки для статей (в чате: кнопка под обращением, /teach N id или /inbox):");
            for (LearningInbox.VariantProposal v : p.variants()) {
                out.println("  " + v.entryId() + " — " + v.title() + " (" + v.cases().size() + ")");
                v.cases().forEach(c -> out.println("    - «" + c.question() + "» " + where(c)));
            }
        }
        if (!p.newEntries().isEmpty()) {
            out.println();
            out.println("Новые статьи (похожие вопросы, которые не ловит ни одна статья; в чате: /draft N):");
            int n = 1;
            for (LearningInbox.NewEntryProposal g : p.newEntries()) {
                out.println("  " + n++ + ". вопросов: " + g.cases().size());
                for (LearningCase c : g.cases()) {
                    out.println("    - «" + c.question() + "» " + where(c));
                    if (c.answer() != null) {
                        out.println("      ответ консультанта: " + shortened(c.answer()));
                    }
                }
            }
        }
        if (!drafts.isEmpty()) {
            out.println();
            out.println("Черновики, ждущие источников (не загружаются): " + drafts.size());
            drafts.forEach(d -> out.println("  " + faq.relativize(d)));
        }
    }

    private static String where(LearningCase c) {
        String kind = switch (c.kind()) {
            case CHOSEN -> "житель выбрал из предложенных";
            case UNHELPFUL -> "ответ " + c.shownEntry() + " не помог";
            case ESCALATED -> "ответил консультант";
        };
        return "(случай " + c.id() + (c.ticketNumber() == null ? "" : ", №" + c.ticketNumber()) + ", " + kind + ")";
    }

    private static String shortened(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= ANSWER_SHOWN ? one : one.substring(0, ANSWER_SHOWN - 1) + "…";
    }

    private ObjectNode toJson(LearningInbox.Proposals p, List<Path> drafts, Path faq) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode variants = root.putArray("variants");
        for (LearningInbox.VariantProposal v : p.variants()) {
            ObjectNode o = variants.addObject();
            o.put("entry", v.entryId());
            o.put("title", v.title());
            cases(o.putArray("cases"), v.cases());
        }
        ArrayNode entries = root.putArray("new_entries");
        for (LearningInbox.NewEntryProposal g : p.newEntries()) {
            cases(entries.addObject().putArray("cases"), g.cases());
        }
        ArrayNode d = root.putArray("drafts");
        drafts.forEach(f -> d.add(faq.relativize(f).toString()));
        return root;
    }

    private static void cases(ArrayNode array, List<LearningCase> cases) {
        for (LearningCase c : cases) {
            ObjectNode o = array.addObject();
            o.put("case", c.id());
            o.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (c.ticketNumber() != null) {
                o.put("ticket", c.ticketNumber());
            }
            o.put("question", c.question());
            if (c.shownEntry() != null) {
                o.put("shown_entry", c.shownEntry());
            }
            if (c.chosenEntry() != null) {
                o.put("chosen_entry", c.chosenEntry());
            }
            if (c.answer() != null) {
                o.put("answer", c.answer());
            }
            o.put("at", c.createdAt().toString());
        }
    }

    private void printTaught(KnowledgeBase base, KnowledgeEditor editor, PrintWriter out) throws Exception {
        ArrayNode all = mapper.createArrayNode();
        int count = 0;
        for (Entry e : base.entries()) {
            for (TaughtVariant t : editor.taught(e.file())) {
                count++;
                if (json) {
                    ObjectNode o = all.addObject();
                    o.put("entry", e.id());
                    o.put("question", t.question());
                    o.put("by", t.by());
                    o.put("date", t.date().toString());
                    o.put("case", t.caseId());
                } else {
                    out.println(e.id() + ": «" + t.question() + "» — " + t.by() + ", " + t.date()
                            + " (убрать: /untaught " + t.caseId() + ")");
                }
            }
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        } else if (count == 0) {
            out.println("Добавленных из чата вопросов нет.");
        }
    }
}
