package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.LawRegistry;
import ru.tos.dutydesk.knowledge.SourceSummary;
import ru.tos.dutydesk.matching.Candidate;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds the desk's outbound messages from texts in config and knowledge entries. */
final class Replies {
    /** A phone shows the «Источник» line whole only when it is short. */
    private static final int SHOWN_SOURCES = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM, HH:mm", Locale.forLanguageTag("ru"));

    private final DeskSettings settings;

    Replies(DeskSettings settings) {
        this.settings = settings;
    }

    String text(String key, Object... args) {
        return settings.texts().get(key, args);
    }

    OutboundMessage plain(Address to, String key, Object... args) {
        return OutboundMessage.of(to, text(key, args));
    }

    /**
     * An entry's answer, short for a phone: its first paragraph with «Подробнее» and «Помогло?». The sources go
     * with the rest ({@link #rest}), since whoever checks them reads on; an answer of one paragraph has no rest, so
     * it is sent whole with its sources and without «Подробнее».
     */
    OutboundMessage answer(Address to, Entry entry, LawRegistry laws, long consultationId) {
        if (to.channel() == Channel.EMAIL) {
            // a letter is read whole and has no buttons: the full answer with its sources, nothing to tap
            String body = entry.rest().isEmpty() ? entry.firstParagraph() : entry.firstParagraph() + "\n\n" + entry.rest();
            return OutboundMessage.of(to, body + "\n\n" + sources(entry, laws));
        }
        if (entry.rest().isEmpty()) {
            return withHelpful(to, entry.firstParagraph() + "\n\n" + sources(entry, laws), consultationId,
                    List.of());
        }
        return withHelpful(to, entry.firstParagraph(), consultationId,
                List.of(ChoiceData.of(text("more-button"), ChoiceData.Kind.MORE, consultationId, entry.id())));
    }

    /**
     * What «Подробнее» sends: the rest of the answer with its sources (grouped, at most three, see
     * {@link SourceSummary}), and «Помогло?» again below it, where the reader ends up. Empty for a one-paragraph
     * answer.
     */
    Optional<OutboundMessage> rest(Address to, Entry entry, LawRegistry laws, long consultationId) {
        if (entry.rest().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withHelpful(to, entry.rest() + "\n\n" + sources(entry, laws), consultationId, List.of()));
    }

    private String sources(Entry entry, LawRegistry laws) {
        return text("source", "sources", MarkdownText.literal(SourceSummary.of(entry.sources(), laws, SHOWN_SOURCES)));
    }

    private OutboundMessage withHelpful(Address to, String md, long consultationId, List<Choice> first) {
        List<Choice> choices = new ArrayList<>(first);
        choices.add(ChoiceData.of(text("helpful-yes"), ChoiceData.Kind.HELPFUL, consultationId, "y"));
        choices.add(ChoiceData.of(text("helpful-no"), ChoiceData.Kind.HELPFUL, consultationId, "n"));
        return OutboundMessage.of(to, md + "\n\n" + text("helpful-question"), choices);
    }

    OutboundMessage suggestions(Address to, List<Candidate> candidates, long consultationId) {
        List<Choice> choices = new ArrayList<>();
        for (Candidate c : candidates) {
            choices.add(ChoiceData.of(shorten(c.title(), 60), ChoiceData.Kind.PICK, consultationId, c.entryId()));
        }
        choices.add(ChoiceData.of(text("suggest-none"), ChoiceData.Kind.NONE_FITS, consultationId));
        return OutboundMessage.of(to, text("suggest"), choices);
    }

    /**
     * Tells the resident who has the question and when to expect an answer.
     *
     * @param offTopic the off-topic area the question seems to be about, said first so that no article is expected
     */
    OutboundMessage escalated(Address to, long ticketNumber, Optional<Candidate> offTopic, Instant now) {
        String said = settings.hours().isOpen(now)
                ? text("escalated", "number", ticketNumber, "within", humanDuration(settings))
                : text("escalated-off-hours", "number", ticketNumber, "hours", hoursText(),
                        "opening", WHEN.format(settings.hours().nextOpening(now)));
        return OutboundMessage.of(to, offTopic
                .map(area -> text("off-topic", "area", MarkdownText.literal(area.title())) + " " + said)
                .orElse(said), List.of(ChoiceData.of(text("withdraw-button"), ChoiceData.Kind.WITHDRAW, ticketNumber)));
    }

    String hoursText() {
        WorkingHours h = settings.hours();
        return "с " + h.from() + " до " + h.to();
    }

    /** The ticket card for the consultants' chat, with the matcher's guesses and the take/close buttons. */
    OutboundMessage card(Address consultants, Ticket t, UserRecord user, List<Candidate> guesses) {
        StringBuilder who = new StringBuilder(MarkdownText.literal(user.displayName()));
        if (user.district() != null) {
            who.append(" · ").append(MarkdownText.literal(user.district()));
        }
        if (user.role() != null) {
            who.append(" · ").append(MarkdownText.literal(user.role()));
        }
        StringBuilder g = new StringBuilder();
        if (!guesses.isEmpty()) {
            g.append("_Возможно:_ ");
            for (int i = 0; i < guesses.size(); i++) {
                Candidate c = guesses.get(i);
                g.append(i == 0 ? "" : "; ").append(MarkdownText.literal(c.title()))
                        .append(String.format(Locale.ROOT, " (%s%s, %.2f)", c.offTopic() ? "не о ТОС: " : "",
                                MarkdownText.literal(c.entryId()), c.score()));
            }
        }
        String md = text("card", "number", t.number(), "channel", t.residentChat().channel().label(),
                "who", who.toString(), "question", quote(t.question()), "guesses", g.toString()).strip();
        if (t.deliveryProblem() != null) {
            md += "\n\n" + text("card-delivery-problem", "number", t.number(), "problem", MarkdownText.literal(t.deliveryProblem()));
        }
        return new OutboundMessage(consultants, md, TicketCards.buttons(t), null, t.number());
    }

    static String quote(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            sb.append("> ").append(MarkdownText.literal(line)).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String humanDuration(DeskSettings s) {
        long minutes = s.answerWithin().toMinutes();
        if (minutes % (60 * 24) == 0) {
            return plural(minutes / (60 * 24), "дня", "дней", "дней").replaceFirst("^1 дня$", "суток");
        }
        if (minutes % 60 == 0) {
            return plural(minutes / 60, "часа", "часов", "часов");
        }
        return plural(minutes, "минуты", "минут", "минут");
    }

    /** «в течение N часа/часов»: genitive after «в течение». */
    private static String plural(long n, String one, String few, String many) {
        long mod100 = n % 100;
        long mod10 = n % 10;
        String word = (mod10 == 1 && mod100 != 11) ? one : (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) ? few : many;
        return n + " " + word;
    }
}
