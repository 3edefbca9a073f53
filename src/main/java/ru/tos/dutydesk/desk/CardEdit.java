package ru.tos.dutydesk.desk;

import java.util.List;
import java.util.Objects;

/**
 * Marks an outbox row that edits a ticket's card in place instead of posting a new message: the card's text
 * becomes the row's text and its buttons the row's choices. Edits are idempotent, so a retried or repeated
 * edit does no harm.
 *
 * @param ticket the ticket whose card is edited
 * @param status the lines the edit adds under the card, posted as a reply instead when the edited text would not fit
 *               in the messages the card has
 * @param posts  where the card landed: one list of platform message ids (its parts, in order) per post of the card
 *               (the first one and every re-announcement). The desk leaves it empty; the outbox fills it in when the
 *               row is due, since a card still waiting in the outbox has no ids yet
 */
public record CardEdit(long ticket, String status, List<List<String>> posts) {
    public CardEdit {
        Objects.requireNonNull(status, "status");
        posts = posts == null ? List.of() : posts.stream().map(List::copyOf).toList();
    }

    public CardEdit withPosts(List<List<String>> where) {
        return new CardEdit(ticket, status, where);
    }
}
