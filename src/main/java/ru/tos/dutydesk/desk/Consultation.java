package ru.tos.dutydesk.desk;

import java.time.Instant;

/** One question of one person and everything until it is settled. */
public record Consultation(long id, long userId, Channel channel, String question, String topic, Outcome outcome,
                           boolean unhelpful, Instant openedAt, Instant settledAt) {
}
