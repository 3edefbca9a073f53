package ru.tos.dutydesk.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeException;
import ru.tos.dutydesk.knowledge.KnowledgeProblems;
import ru.tos.dutydesk.knowledge.KnowledgeWatcher;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** An edit of faq/ goes live; a broken edit keeps the last good knowledge and tells the consultants where. */
final class HotReload implements KnowledgeWatcher.Listener {
    private static final Logger log = LoggerFactory.getLogger(HotReload.class);
    /** Enough to start fixing; `kb check` lists the rest. */
    private static final int PROBLEMS_IN_CHAT = 10;

    private final DeskContext ctx;
    private final Desk desk;

    HotReload(DeskContext ctx, Desk desk) {
        this.ctx = ctx;
        this.desk = desk;
    }

    @Override
    public void reloaded(KnowledgeBase knowledge) {
        long start = System.nanoTime();
        desk.replaceKnowledge(ctx.knowledge(knowledge));
        log.info("knowledge reloaded: {} entries (index built in {} ms)", knowledge.size(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void failed(KnowledgeException problems) {
        log.warn("knowledge edit rejected, the last good knowledge stays:\n{}", problems.getMessage());
        desk.tellConsultants("База знаний не обновлена, действует прежняя версия. Ошибки:\n"
                + forChat(problems, ctx.faqDir()));
    }

    /**
     * One {@code group/file.md:line: problem} per line, the path relative to the knowledge folder: that is how
     * the editors know the file, and the server's own paths are no business of the chat.
     */
    static String forChat(KnowledgeException e, Path faqDir) {
        List<KnowledgeException> all = e instanceof KnowledgeProblems p ? p.problems() : List.of(e);
        String shown = all.stream().limit(PROBLEMS_IN_CHAT).map(p -> relative(p, faqDir)).collect(Collectors.joining("\n"));
        int more = all.size() - PROBLEMS_IN_CHAT;
        return more > 0 ? shown + "\n… и ещё " + more + " (полный список: kb check)" : shown;
    }

    private static String relative(KnowledgeException p, Path faqDir) {
        String message = p.getMessage();
        String full = p.file().toString();
        Path dir = faqDir.toAbsolutePath().normalize();
        Path file = p.file().toAbsolutePath().normalize();
        if (!message.startsWith(full) || !file.startsWith(dir) || file.equals(dir)) {
            return message;
        }
        return dir.relativize(file) + message.substring(full.length());
    }
}
