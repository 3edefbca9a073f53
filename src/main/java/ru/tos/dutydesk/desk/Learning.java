package ru.tos.dutydesk.desk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeEditException;
import ru.tos.dutydesk.knowledge.TaughtVariant;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.VariantGuard;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The desk learns from its consultants: it records learning cases as residents and consultants act, offers to teach
 * an answered ticket's question to an entry, and carries out {@code /teach}, {@code /draft}, {@code /inbox} and
 * {@code /untaught} in the consultants' chat (consultants only: {@link ConsultantFlow} refuses everyone else).
 */
final class Learning {
    private static final Logger log = LoggerFactory.getLogger(Learning.class);
    /** Entries offered as buttons under an answered ticket. */
    private static final int OFFERED = 3;
    /** What /inbox looks back on. */
    static final Duration INBOX_WEEK = Duration.ofDays(7);
    /** Cases /inbox shows with buttons; the rest are counted (kb inbox lists them all). */
    private static final int INBOX_SHOWN = 8;
    private static final int QUOTE = 90;

    private final DeskSettings settings;
    private final Replies replies;
    private final Supplier<Knowledge> knowledge;
    private final Supplier<Optional<Teaching>> teaching;

    Learning(DeskSettings settings, Replies replies, Supplier<Knowledge> knowledge, Supplier<Optional<Teaching>> teaching) {
        this.settings = settings;
        this.replies = replies;
        this.knowledge = knowledge;
        this.teaching = teaching;
    }

    /** A resident chose an entry among suggestions: its question is evidence for that entry. */
    void chosen(DeskTransaction tx, Consultation c, String entryId, Instant now) {
        if (c.question() != null) {
            tx.addLearningCase(LearningCase.of(LearningCase.Kind.CHOSEN, c.userId(), c.id(), null, c.question(), null,
                    entryId, null, now));
        }
    }

    /** What the answer's announcement adds: the offer to teach the question, with its buttons. */
    record Offer(String markdown, List<Choice> buttons) {
    }

    /**
     * A consultant answered a ticket: the case is recorded (a later answer joins it). The first time, the offer to
     * teach its question comes back, for the announcement of the answer under the card.
     */
    Optional<Offer> answered(DeskTransaction tx, Ticket t, String text, Instant now) {
        Optional<LearningCase> existing = tx.learningCaseOfTicket(t.number());
        if (existing.isPresent()) {
            tx.appendLearningAnswer(existing.get().id(), text);
            return Optional.empty();
        }
        Optional<Consultation> c = tx.consultation(t.consultationId());
        String question = c.map(Consultation::question).orElse(null);
        Knowledge k = knowledge.get();
        // «позовите человека» opens a ticket but asks nothing the knowledge could learn
        if (question == null || k.intents().detect(question).isPresent()) {
            return Optional.empty();
        }
        boolean unhelpful = c.get().unhelpful();
        String shown = unhelpful ? c.get().topic() : null;
        long id = tx.addLearningCase(LearningCase.of(unhelpful ? LearningCase.Kind.UNHELPFUL : LearningCase.Kind.ESCALATED,
                t.userId(), t.consultationId(), t.number(), question, shown, null, text, now));
        List<Choice> buttons = new ArrayList<>();
        for (Candidate e : LearningInbox.likelyEntries(question, shown, k, OFFERED)) {
            buttons.add(ChoiceData.of(label(e.title()), ChoiceData.Kind.TEACH, id, e.entryId()));
        }
        buttons.add(ChoiceData.of(replies.text("teach-draft-button"), ChoiceData.Kind.DRAFT, id));
        return Optional.of(new Offer(replies.text("teach-offer", "number", t.number(), "question", quote(question)),
                buttons));
    }

    /** {@code /teach N id}: the question of ticket N becomes a variant of entry id. */
    String teachTicket(DeskTransaction tx, long ticket, String entryId, String who, Instant now) {
        Optional<LearningCase> c = tx.learningCaseOfTicket(ticket);
        if (c.isEmpty()) {
            return replies.text("teach-no-case", "number", ticket);
        }
        return teach(tx, c.get(), entryId, who, now);
    }

    /** A button under a ticket or in /inbox: the case's question becomes a variant of the entry. */
    String teachCase(DeskTransaction tx, long caseId, String entryId, String who, Instant now) {
        return tx.learningCase(caseId).map(c -> teach(tx, c, entryId, who, now))
                .orElse(replies.text("stale-choice"));
    }

    private String teach(DeskTransaction tx, LearningCase c, String entryId, String who, Instant now) {
        Optional<String> blocked = blocked(c);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Knowledge k = knowledge.get();
        Optional<Entry> entry = k.base().entry(entryId);
        if (entry.isEmpty()) {
            return replies.text("teach-no-entry", "id", MarkdownText.literal(entryId));
        }
        Teaching t = teaching.get().get();
        VariantGuard.Verdict verdict = t.guard().check(k.base(), k.matcher(), entryId, c.question());
        if (!verdict.safe()) {
            log.info("taught variant refused by the guard: case {} to {} would pull {} question(s) from {}", c.id(), entryId,
                    verdict.pulled().size(), verdict.owners());
            return replies.text("teach-refused", "question", quote(c.question()), "title",
                    MarkdownText.literal(entry.get().title()), "pulled", pulled(verdict, k),
                    "number", c.ticketNumber() == null ? "N" : c.ticketNumber());
        }
        try {
            t.editor().addVariant(entry.get().file(), new TaughtVariant(c.id(), today(now), who, c.question()));
        } catch (KnowledgeEditException e) {
            log.warn("teaching case {} to {} failed: {}", c.id(), entryId, e.getMessage());
            return replies.text("teach-failed", "problem", MarkdownText.literal(e.getMessage()));
        }
        tx.resolveLearningCase(c.id(), LearningCase.State.TAUGHT, entryId, who, now);
        log.info("case {} taught to {} by a consultant", c.id(), entryId);
        return replies.text("teach-done", "question", quote(c.question()), "title",
                MarkdownText.literal(entry.get().title()), "id", MarkdownText.literal(entryId), "who", MarkdownText.literal(who), "case", c.id());
    }

    /** {@code /draft N}: a draft entry from ticket N's question and answers. */
    String draftTicket(DeskTransaction tx, long ticket, String who, Instant now) {
        return tx.learningCaseOfTicket(ticket).map(c -> draft(tx, c, who, now))
                .orElse(replies.text("teach-no-case", "number", ticket));
    }

    String draftCase(DeskTransaction tx, long caseId, String who, Instant now) {
        return tx.learningCase(caseId).map(c -> draft(tx, c, who, now)).orElse(replies.text("stale-choice"));
    }

    private String draft(DeskTransaction tx, LearningCase c, String who, Instant now) {
        Optional<String> blocked = blocked(c);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        String name = "draft-" + (c.ticketNumber() != null ? "ticket-" + c.ticketNumber() : "case-" + c.id());
        Path file;
        try {
            file = teaching.get().get().editor().writeDraft(name, List.of(c.question()),
                    c.answer() == null ? List.of() : List.of(c.answer()), who, today(now));
        } catch (KnowledgeEditException e) {
            log.warn("draft of case {} failed: {}", c.id(), e.getMessage());
            return replies.text("teach-failed", "problem", MarkdownText.literal(e.getMessage()));
        }
        tx.resolveLearningCase(c.id(), LearningCase.State.DRAFTED, file.getFileName().toString(), who, now);
        return replies.text("draft-done", "file", MarkdownText.literal("_drafts/" + file.getFileName()));
    }

    /** Why the case cannot be taught now, if it cannot. */
    private Optional<String> blocked(LearningCase c) {
        if (teaching.get().isEmpty()) {
            return Optional.of(replies.text("teach-unavailable"));
        }
        if (c.state() != LearningCase.State.OPEN) {
            String state = switch (c.state()) {
                case TAUGHT -> "добавлен в статью " + c.resolvedEntry() + ", " + c.resolvedBy();

                case DRAFTED -> "черновик " + c.resolvedEntry() + ", " + c.resolvedBy();
                case UNTAUGHT -> "добавлен и убран, " + c.resolvedBy();
                case OPEN -> "";
            };
            return Optional.of(replies.text("teach-already", "state", MarkdownText.literal(state)));
        }
        if (c.question() == null) {
            return Optional.of(replies.text("teach-forgotten"));
        }
        return Optional.empty();
    }

    /** {@code /inbox}: the week's open cases, each with a button for its likely entry and one for a draft. */
    OutboundMessage inbox(DeskTransaction tx, Address chat, String replyTo, Instant now) {
        List<LearningCase> open = tx.openLearningCases(now.minus(INBOX_WEEK)).stream()
                .filter(c -> c.question() != null).toList();
        if (open.isEmpty()) {
            return new OutboundMessage(chat, replies.text("inbox-empty"), List.of(), replyTo, null);
        }
        Knowledge k = knowledge.get();
        StringBuilder sb = new StringBuilder(replies.text("inbox-head", "count", open.size()));
        List<Choice> buttons = new ArrayList<>();
        for (LearningCase c : open.subList(0, Math.min(INBOX_SHOWN, open.size()))) {
            Optional<String> entry = LearningInbox.proposedEntry(c, k);
            sb.append("\n\n").append(c.id()).append(". ");
            if (c.ticketNumber() != null) {
                sb.append("№").append(c.ticketNumber()).append(" ");
            }
            sb.append("«").append(quote(c.question())).append("» — ").append(kindLabel(c));
            entry.ifPresent(id -> sb.append("\n   ➜ в статью «").append(MarkdownText.literal(title(k, id))).append("» (")
                    .append(MarkdownText.literal(id)).append(")"));
            entry.ifPresent(id -> buttons.add(ChoiceData.of(c.id() + " ➜ " + label(title(k, id)), ChoiceData.Kind.TEACH,
                    c.id(), id)));
            if (entry.isEmpty()) {
                buttons.add(ChoiceData.of(c.id() + " 📝 черновик", ChoiceData.Kind.DRAFT, c.id()));
            }
        }
        if (open.size() > INBOX_SHOWN) {
            sb.append("\n\n… и ещё ").append(open.size() - INBOX_SHOWN).append(" (полный список: kb inbox)");
        }
        return new OutboundMessage(chat, sb.toString(), buttons, replyTo, null);
    }

    private String kindLabel(LearningCase c) {
        return switch (c.kind()) {
            case CHOSEN -> "житель выбрал статью из предложенных";
            case UNHELPFUL -> "ответ «" + MarkdownText.literal(String.valueOf(c.shownEntry())) + "» не помог, ответил консультант";
            case ESCALATED -> "ответил консультант";
        };
    }

    /** {@code /untaught}: the variants taught from the chat (newest first); {@code /untaught K} takes case K's back. */
    String untaught(DeskTransaction tx, Long caseId, String who, Instant now) {
        if (teaching.get().isEmpty()) {
            return replies.text("teach-unavailable");
        }
        if (caseId == null) {
            List<LearningCase> taught = tx.learningCases(LearningCase.State.TAUGHT, 15);
            if (taught.isEmpty()) {
                return replies.text("untaught-empty");
            }
            StringBuilder sb = new StringBuilder(replies.text("untaught-head"));
            for (LearningCase c : taught) {
                sb.append("\n- ").append(c.id()).append(": «").append(c.question() == null ? "(текст удалён)" : quote(c.question()))
                        .append("» ➜ ").append(MarkdownText.literal(c.resolvedEntry())).append(" · ").append(MarkdownText.literal(c.resolvedBy()));
            }
            return sb.toString();
        }
        Optional<LearningCase> c = tx.learningCase(caseId).filter(x -> x.state() == LearningCase.State.TAUGHT);
        Optional<Entry> entry = c.flatMap(x -> knowledge.get().base().entry(x.resolvedEntry()));
        if (entry.isEmpty()) {
            return replies.text("untaught-none", "case", caseId);
        }
        Optional<TaughtVariant> removed;
        try {
            removed = teaching.get().get().editor().removeVariant(entry.get().file(), caseId);
        } catch (KnowledgeEditException e) {
            return replies.text("teach-failed", "problem", MarkdownText.literal(e.getMessage()));
        }
        if (removed.isEmpty()) {
            return replies.text("untaught-none", "case", caseId);
        }
        tx.resolveLearningCase(caseId, LearningCase.State.UNTAUGHT, entry.get().id(), who, now);
        log.info("case {} untaught from {}", caseId, entry.get().id());
        return replies.text("untaught-done", "question", quote(removed.get().question()), "title",
                MarkdownText.literal(entry.get().title()), "id", MarkdownText.literal(entry.get().id()));
    }

    private String pulled(VariantGuard.Verdict verdict, Knowledge k) {
        return verdict.pulled().stream().limit(VariantGuard.SHOWN)
                .map(p -> "«" + quote(p.question()) + "» "
                        + (p.owner().equals("-") ? "(вопрос для консультанта)" : "(статья «"
                        + MarkdownText.literal(title(k, p.owner())) + "», " + MarkdownText.literal(p.owner()) + ")"))
                .collect(Collectors.joining("; "))
                + (verdict.pulled().size() > VariantGuard.SHOWN ? " и ещё " + (verdict.pulled().size() - VariantGuard.SHOWN) : "");
    }

    private static String title(Knowledge k, String id) {
        return k.base().entry(id).map(Entry::title).orElse(id);
    }

    private LocalDate today(Instant now) {
        return now.atZone(settings.hours().zone()).toLocalDate();
    }

    private static String quote(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return MarkdownText.literal(one.length() <= QUOTE ? one : one.substring(0, QUOTE - 1) + "…");
    }

    private static String label(String title) {
        return title.length() <= 40 ? title : title.substring(0, 39) + "…";
    }
}
