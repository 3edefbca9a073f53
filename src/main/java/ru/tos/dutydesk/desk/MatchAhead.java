package ru.tos.dutydesk.desk;

import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The matcher's results for a batch's likely questions, worked out before the desk opens its transaction, so the
 * store (whose lock the outbox senders share) is not held while the matcher works. The flow asks the matcher as
 * usual and finds the answer ready; anything not prepared is matched then. A text that turns out not to be
 * matched (a greeting, a follow-up on an open ticket) costs its matching for nothing, which is CPU only.
 */
final class MatchAhead implements Matcher {
    private final Matcher matcher;
    private final Map<String, MatchResult> ready;

    private MatchAhead(Matcher matcher, Map<String, MatchResult> ready) {
        this.matcher = matcher;
        this.ready = ready;
    }

    /** The knowledge with its matcher's answers for {@code questions} prepared. */
    static Knowledge prepare(Knowledge knowledge, List<String> questions) {
        if (questions.isEmpty()) {
            return knowledge;
        }
        Map<String, MatchResult> ready = new HashMap<>();
        for (String q : questions) {
            if (!ready.containsKey(q)) {
                try {
                    ready.put(q, knowledge.matcher().match(q));
                } catch (RuntimeException e) {
                    // left unprepared: the flow meets the failure again inside its own unit, which fails alone
                }
            }
        }
        return new Knowledge(knowledge.base(), new MatchAhead(knowledge.matcher(), ready), knowledge.intents());
    }

    /**
     * The text the resident flow would hand the matcher, or null when the message is surely no question
     * (a button, a command, nothing to read). Mirrors the checks at the start of {@link ResidentFlow#handle}.
     */
    static String likelyQuestion(InboundMessage m) {
        if (m.choice() != null) {
            return null;
        }
        TextSanitizer.Clean clean = TextSanitizer.clean(m.text());
        if (clean.text().isEmpty() || clean.text().startsWith("/") || clean.hasNoWords()) {
            return null;
        }
        return clean.text();
    }

    @Override
    public MatchResult match(String question) {
        MatchResult r = ready.get(question);
        return r != null ? r : matcher.match(question);
    }
}
