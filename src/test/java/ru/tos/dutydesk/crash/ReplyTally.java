package ru.tos.dutydesk.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which reply answers which question. An answer from the knowledge carries its consultation's number in its
 * «Помогло?» buttons ({@code h:<consultation>:y}); the acknowledgement of an escalated question names its ticket
 * («обращение №N»). So every reply has an identity, and a repeated identity is a duplicated reply.
 */
final class ReplyTally {
    private static final Pattern TICKET = Pattern.compile("обращение №(\\d+)");
    private static final Pattern HELPFUL = Pattern.compile("h:(\\d+):[yn]");

    private final Map<String, Integer> seen = new HashMap<>();
    private final List<String> unrecognised = new ArrayList<>();
    private int messages;

    /** Everything the platform has delivered to the plan's people so far. */
    static ReplyTally of(CrashPlatform platform) {
        ReplyTally t = new ReplyTally();
        for (int p = 0; p < CrashPlan.PEOPLE; p++) {
            long account = platform.account(p);
            platform.repliesTo(p).forEach(r -> t.add(account, r));
        }
        return t;
    }

    /** The identity of a reply: "c" + consultation for an answer, "t" + ticket for an acknowledgement. */
    static Optional<String> identity(CrashPlatform.Reply reply) {
        for (String data : reply.choices()) {
            Matcher m = HELPFUL.matcher(data);
            if (m.matches()) {
                return Optional.of("c" + m.group(1));
            }
        }
        Matcher t = TICKET.matcher(reply.text());
        return t.find() ? Optional.of("t" + t.group(1)) : Optional.empty();
    }

    void add(long account, CrashPlatform.Reply reply) {
        messages++;
        Optional<String> id = identity(reply);
        if (id.isEmpty()) {
            unrecognised.add(account + ": " + shorten(reply.text()));
            return;
        }
        seen.merge(account + "/" + id.get(), 1, Integer::sum);
    }

    int messages() {
        return messages;
    }

    /** How many times the reply with this identity reached this account. */
    int count(long account, String identity) {
        return seen.getOrDefault(account + "/" + identity, 0);
    }

    int distinct() {
        return seen.size();
    }

    /** Messages beyond the first of each identity. */
    int duplicates() {
        return seen.values().stream().mapToInt(n -> n - 1).sum();
    }

    Map<String, Integer> repeated() {
        Map<String, Integer> out = new HashMap<>();
        seen.forEach((k, n) -> {
            if (n > 1) {
                out.put(k, n);
            }
        });
        return out;
    }

    /** Identities seen, as account/identity. */
    java.util.Set<String> keys() {
        return seen.keySet();
    }

    List<String> unrecognised() {
        return unrecognised;
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
