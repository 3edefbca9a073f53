package ru.tos.dutydesk.channel.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Updates waiting for the bot, with getUpdates semantics: an update is confirmed (and forgotten) once getUpdates is
 * called with an offset above its id; a negative offset keeps only the last |offset|; a poll waits up to its timeout
 * for something new; a newer poll ends a waiting older one with 409, as Telegram does with two instances.
 */
final class UpdateQueue {
    private final List<ObjectNode> pending = new ArrayList<>();
    private int nextId;
    private long generation;
    private int delivered;
    /** The ids handed out by the latest poll; the next poll confirms them (or asks for them again). */
    private List<Integer> inFlight = List.of();

    UpdateQueue(int firstId) {
        this.nextId = firstId;
    }

    synchronized int push(IntFunction<ObjectNode> update) {
        int id = nextId++;
        pending.add(update.apply(id));
        notifyAll();
        return id;
    }

    /** The updates for this poll, or empty when a newer poll took over (answer 409). */
    synchronized Optional<List<ObjectNode>> poll(long offset, int limit, Duration timeout) throws InterruptedException {
        long mine = ++generation;
        notifyAll();
        confirm(offset);
        inFlight = List.of();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (generation != mine) {
                return Optional.empty();
            }
            List<ObjectNode> available = new ArrayList<>();
            for (ObjectNode u : pending) {
                if (offset <= 0 || u.get("update_id").asLong() >= offset) {
                    available.add(u);
                }
                if (available.size() >= limit) {
                    break;
                }
            }
            long left = deadline - System.nanoTime();
            if (!available.isEmpty() || left <= 0) {
                delivered += available.size();
                inFlight = available.stream().map(u -> u.get("update_id").asInt()).toList();
                return Optional.of(available);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void confirm(long offset) {
        if (offset > 0) {
            pending.removeIf(u -> u.get("update_id").asLong() < offset);
        } else if (offset < 0) {
            int keep = (int) Math.min(-offset, pending.size());
            pending.subList(0, pending.size() - keep).clear();
        }
    }

    synchronized int unconfirmed() {
        return pending.size();
    }

    /** How many updates were handed out in all (redeliveries counted again). */
    synchronized int delivered() {
        return delivered;
    }

    /** The updates the bot holds now: handed out by its latest poll and not yet confirmed by a next one. */
    synchronized List<Integer> inFlight() {
        return inFlight;
    }

    /** Wakes waiting polls (on shutdown). */
    synchronized void wakeAll() {
        generation++;
        notifyAll();
    }
}
