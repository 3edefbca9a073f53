package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.knowledge.DueReview;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.ReviewSchedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Once a week, in working hours, tells the consultants' chat which knowledge entries need a fresh look, and only
 * when some do. The time of the last post is kept in the store, so a restart within the week does not post again;
 * the post goes through the outbox like any other message.
 */
final class ReviewReminder {
    static final String MARK = "knowledge-review-posted";
    static final Duration EVERY = Duration.ofDays(7);
    /** Lines shown in the chat, to stay readable on a phone; {@code kb check --due} lists them all. */
    static final int SHOWN = 15;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final DeskSettings settings;
    private final Replies replies;
    private final ReviewSchedule schedule;

    ReviewReminder(DeskSettings settings, Replies replies, Clock clock) {
        this.settings = settings;
        this.replies = replies;
        this.schedule = new ReviewSchedule(settings.reviewEvery(), clock, settings.hours().zone());
    }

    /** @return whether the post was enqueued */
    boolean postIfDue(DeskTransaction tx, KnowledgeBase kb, Instant now) {
        Optional<Address> chat = settings.consultantsChat();
        if (chat.isEmpty() || !settings.hours().isOpen(now)) {
            return false;
        }
        Optional<Instant> last = tx.lastDone(MARK);
        if (last.isPresent() && now.isBefore(last.get().plus(EVERY))) {
            return false;
        }
        List<DueReview> due = schedule.due(kb);
        if (due.isEmpty()) {
            return false; // nothing to say: look again at the next tick, the list may fill up mid-week
        }
        tx.enqueue(OutboundMessage.of(chat.get(), text(due, schedule.today())), now);
        tx.setLastDone(MARK, now);
        return true;
    }

    private String text(List<DueReview> due, LocalDate today) {
        List<String> lines = new ArrayList<>();
        for (DueReview d : due.subList(0, Math.min(SHOWN, due.size()))) {
            lines.add("• " + d.entry().id() + " — " + why(d, today));
        }
        if (due.size() > SHOWN) {
            lines.add("…и ещё " + (due.size() - SHOWN));
        }
        return replies.text("review-due", "count", due.size(), "list", MarkdownText.literal(String.join("\n", lines)));
    }

    private static String why(DueReview d, LocalDate today) {
        return switch (d.kind()) {
            case NOT_REVIEWED -> "нет даты проверки";
            case REVIEW_OLD -> "проверен " + DATE.format(d.date()) + ", "
                    + (d.monthsOld(today) >= 1 ? d.monthsOld(today) + " мес." : d.daysOld(today) + " дн.") + " назад";
            case LAW_CHANGES -> d.law().id() + (d.lawChanged(today) ? " утратил" : " утрачивает") + " силу "
                    + DATE.format(d.date()) + (d.law().replacedBy() == null ? "" : ", на смену — " + d.law().replacedBy());
        };
    }
}
