package ru.tos.dutydesk.crash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a crash run does, drawn from one seed: who asks what, in which order, and when the desk is killed. The same
 * seed gives the same plan (the interleaving with the desk's own timing still varies from run to run).
 *
 * <p>Every {@code ESCALATING_EVERY}-th person's last question goes to a consultant: last, because a question asked
 * while a ticket is open joins that ticket instead of starting a consultation of its own.
 */
record CrashPlan(long seed, List<Ask> asks, List<Kill> kills) {
    static final int PEOPLE = 50;
    static final int QUESTIONS_EACH = 10;
    private static final int ESCALATING_EVERY = 4;
    /** replies between two kills at least */
    static final int MIN_KILL_GAP = 80;

    /** One question of one person; {@code person} is an index, the platform maps it to an account. */
    record Ask(int person, String text, boolean escalates) {
    }

    /** How the desk dies. */
    enum KillKind {
        /** while it holds polled updates, some already recorded, that the platform has not seen confirmed */
        MID_BATCH,
        /** after the platform took a reply and before the desk heard back, so the reply is not marked sent */
        MID_SEND
    }

    /**
     * Kill once {@code afterReplies} questions have their reply, at the next moment of the given kind. Counted in
     * replies, not time, so that the kills spread over the desk's work however fast the machine is.
     */
    record Kill(int afterReplies, KillKind kind) {
    }

    static CrashPlan draw(long seed, BundledQuestions questions) {
        Random random = new Random(seed);
        List<List<Ask>> perPerson = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            boolean escalates = p % ESCALATING_EVERY == 0;
            List<String> pool = new ArrayList<>(questions.answered());
            Collections.shuffle(pool, random);
            List<Ask> mine = new ArrayList<>();
            for (String q : pool.subList(0, escalates ? QUESTIONS_EACH - 1 : QUESTIONS_EACH)) {
                mine.add(new Ask(p, q, false));
            }
            if (escalates) {
                mine.add(new Ask(p, questions.escalated().get(random.nextInt(questions.escalated().size())), true));
            }
            perPerson.add(mine);
        }
        // round by round, everyone's next question, in a shuffled order within the round
        List<Ask> asks = new ArrayList<>();
        for (int round = 0; round < QUESTIONS_EACH; round++) {
            List<Integer> order = new ArrayList<>();
            for (int p = 0; p < PEOPLE; p++) {
                order.add(p);
            }
            Collections.shuffle(order, random);
            for (int p : order) {
                asks.add(perPerson.get(p).get(round));
            }
        }
        return new CrashPlan(seed, List.copyOf(asks), drawKills(random, asks.size()));
    }

    /**
     * Three kills spread over the run (at least {@link #MIN_KILL_GAP} replies apart), one of each kind and a third of either. All come
     * while questions are still being sent (the feeder runs at most 130 ahead of the replies): a mid-batch kill
     * waits for the next poll, which a desk with nothing more to fetch would not make for a whole long-poll timeout.
     */
    private static List<Kill> drawKills(Random random, int total) {
        List<Integer> at = new ArrayList<>();
        // all three drawn together and drawn again until they fit: keeping two that leave no room for a third
        // (125 and 250 in 50..324) never ended
        do {
            at.clear();
            for (int i = 0; i < 3; i++) {
                at.add(total / 10 + random.nextInt(total * 11 / 20));
            }
            Collections.sort(at);
        } while (at.get(1) - at.get(0) < MIN_KILL_GAP || at.get(2) - at.get(1) < MIN_KILL_GAP);
        List<KillKind> kinds = new ArrayList<>(List.of(KillKind.MID_BATCH, KillKind.MID_SEND,
                random.nextBoolean() ? KillKind.MID_BATCH : KillKind.MID_SEND));
        Collections.shuffle(kinds, random);
        List<Kill> kills = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            kills.add(new Kill(at.get(i), kinds.get(i)));
        }
        return List.copyOf(kills);
    }

    long escalations() {
        return asks.stream().filter(Ask::escalates).count();
    }
}
