package ru.tos.dutydesk.doctor;

import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeCheck;
import ru.tos.dutydesk.knowledge.KnowledgeException;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.knowledge.KnowledgeReport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Does the knowledge base pass {@code kb check}? The same loader and checks; the first problem is named. */
public final class KnowledgeFilesCheck {
    private static final String SUBJECT = "База знаний";
    private static final String FIX = "запустите `kb check`: он перечислит все ошибки с файлом и строкой; исправьте их";

    private final Path faqDir;
    private final Map<String, String> placeholders;
    private final List<String> requiredTopics;

    public KnowledgeFilesCheck(Path faqDir, Map<String, String> placeholders, List<String> requiredTopics) {
        this.faqDir = faqDir;
        this.placeholders = placeholders;
        this.requiredTopics = List.copyOf(requiredTopics);
    }

    public CheckResult run() {
        KnowledgeBase kb;
        try {
            kb = new KnowledgeLoader().load(faqDir, placeholders);
        } catch (KnowledgeException e) {
            String[] lines = e.getMessage().split("\n");
            String more = lines.length > 1 ? " (и ещё ошибок: " + (lines.length - 1) + ")" : "";
            return CheckResult.failed(SUBJECT, faqDir + " не загружается, дежурная не запустится: " + lines[0] + more, FIX);
        }
        KnowledgeReport report = new KnowledgeCheck().check(kb, requiredTopics);
        if (report.hasErrors()) {
            List<KnowledgeReport.Finding> errors = report.errors();
            String more = errors.size() > 1 ? " (и ещё ошибок: " + (errors.size() - 1) + ")" : "";
            return CheckResult.failed(SUBJECT, "`kb check` не проходит: " + errors.get(0).format() + more, FIX);
        }
        int warnings = report.warnings().size();
        String detail = faqDir + ": " + report.summary() + "; все обязательные темы (" + requiredTopics.size() + ") на месте";
        if (warnings > 0) {
            return CheckResult.warning(SUBJECT, detail + "; замечаний редактору: " + warnings,
                    "посмотрите замечания в выводе `kb check`, когда будет время");
        }
        return CheckResult.ok(SUBJECT, detail);
    }
}
