package ru.tos.dutydesk.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.desk.Desk;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeException;
import ru.tos.dutydesk.knowledge.KnowledgeWatcher;

/** An edit of faq/ goes live; a broken edit keeps the last good knowledge and tells the consultants where. */
final class HotReload implements KnowledgeWatcher.Listener {
    private static final Logger log = LoggerFactory.getLogger(HotReload.class);

    private final DeskContext ctx;
    private final Desk desk;

    HotReload(DeskContext ctx, Desk desk) {
        this.ctx = ctx;
        this.desk = desk;
    }

    @Override
    public void reloaded(KnowledgeBase knowledge) {
        desk.replaceKnowledge(ctx.knowledge(knowledge));
        log.info("knowledge reloaded: {} entries", knowledge.size());
    }

    @Override
    public void failed(KnowledgeException problems) {
        log.warn("knowledge edit rejected, the last good knowledge stays:\n{}", problems.getMessage());
        desk.tellConsultants("База знаний не обновлена, действует прежняя версия. Ошибки:\n" + problems.getMessage());
    }
}
