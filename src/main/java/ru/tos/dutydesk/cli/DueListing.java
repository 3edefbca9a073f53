package ru.tos.dutydesk.cli;

import ru.tos.dutydesk.knowledge.DueReview;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.ReviewSchedule;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** {@code kb check --due}: one line per reason an entry needs a fresh look, for a person or a cron job. */
final class DueListing {
    private final Path faqDir;

    DueListing(Path faqDir) {
        this.faqDir = faqDir.toAbsolutePath().normalize();
    }

    /** Prints the list; returns the exit code: 0 when nothing is due, 1 when something is. */
    int print(KnowledgeBase kb, ReviewSchedule schedule, PrintWriter out) {
        LocalDate today = schedule.today();
        List<DueReview> due = schedule.due(kb);
        for (DueReview d : due) {
            out.println(file(d) + ": " + d.entry().id() + " «" + d.entry().title() + "»: " + d.why(today));
        }
        String rules = "entries reviewed " + ReviewSchedule.describe(schedule.reviewEvery())
                + " ago or more (knowledge.review-every), or citing a law that changes status by "
                + today.plus(ReviewSchedule.LAW_HORIZON);
        if (due.isEmpty()) {
            out.println("ok: nothing due for review on " + today + " (" + rules + ")");
            return 0;
        }
        long entries = due.stream().map(d -> d.entry().id()).distinct().count();
        out.println(entries + (entries == 1 ? " entry" : " entries") + " due for review on " + today + " (" + rules + ")");
        return 1;
    }

    private Path file(DueReview d) {
        Path file = d.entry().file().toAbsolutePath().normalize();
        return file.startsWith(faqDir) ? faqDir.relativize(file) : d.entry().file();
    }
}
