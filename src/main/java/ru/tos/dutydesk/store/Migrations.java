package ru.tos.dutydesk.store;

import java.util.List;

/**
 * The schema, as ordered steps. Step {@code n} (1-based) takes a database from {@code user_version = n - 1}
 * to {@code n}. Steps are only ever appended: a released step never changes, since databases in the field
 * already ran it.
 */
final class Migrations {

    /** One step: its statements run in one transaction together with the version bump. */
    record Step(int version, List<String> statements) {
        Step {
            statements = List.copyOf(statements);
        }
    }

    private static final List<Step> STEPS = List.of(
            new Step(1, List.of(
                    // platform_user_id is replaced by an anonymous token on /forget so counts keep the row;
                    // question and text columns are nullable because /forget empties them
                    """
                    CREATE TABLE users (
                        id               INTEGER PRIMARY KEY,
                        channel          TEXT    NOT NULL,
                        platform_user_id TEXT    NOT NULL,
                        display_name     TEXT,
                        district         TEXT,
                        role             TEXT,
                        profile_stage    TEXT    NOT NULL DEFAULT 'NOT_ASKED',
                        created_at       INTEGER NOT NULL,
                        forgotten_at     INTEGER,
                        UNIQUE (channel, platform_user_id)
                    )""",
                    """
                    CREATE TABLE consultations (
                        id         INTEGER PRIMARY KEY,
                        user_id    INTEGER NOT NULL REFERENCES users (id),
                        channel    TEXT    NOT NULL,
                        question   TEXT,
                        topic      TEXT,
                        outcome    TEXT    NOT NULL DEFAULT 'PENDING',
                        unhelpful  INTEGER NOT NULL DEFAULT 0,
                        opened_at  INTEGER NOT NULL,
                        settled_at INTEGER
                    )""",
                    "CREATE INDEX consultations_by_user ON consultations (user_id, outcome)",
                    "CREATE INDEX consultations_by_opened ON consultations (opened_at)",
                    // AUTOINCREMENT: a ticket number is never handed out twice, whatever happens to old rows
                    """
                    CREATE TABLE tickets (
                        number            INTEGER PRIMARY KEY AUTOINCREMENT,
                        consultation_id   INTEGER NOT NULL REFERENCES consultations (id),
                        user_id           INTEGER NOT NULL REFERENCES users (id),
                        chat_channel      TEXT    NOT NULL,
                        chat_id           TEXT    NOT NULL,
                        state             TEXT    NOT NULL,
                        question          TEXT,
                        taken_by          TEXT,
                        delivery_problem  TEXT,
                        created_at        INTEGER NOT NULL,
                        first_response_at INTEGER,
                        last_announced_at INTEGER,
                        last_activity_at  INTEGER NOT NULL
                    )""",
                    "CREATE INDEX tickets_by_user ON tickets (user_id, state)",
                    "CREATE INDEX tickets_by_state ON tickets (state, number)",
                    "CREATE INDEX tickets_by_consultation ON tickets (consultation_id)",
                    """
                    CREATE TABLE ticket_cards (
                        chat_channel        TEXT    NOT NULL,
                        chat_id             TEXT    NOT NULL,
                        platform_message_id TEXT    NOT NULL,
                        ticket_number       INTEGER NOT NULL REFERENCES tickets (number),
                        sent_at             INTEGER NOT NULL,
                        PRIMARY KEY (chat_channel, chat_id, platform_message_id)
                    )""",
                    "CREATE INDEX ticket_cards_by_ticket ON ticket_cards (ticket_number, sent_at)",
                    """
                    CREATE TABLE transcript (
                        id              INTEGER PRIMARY KEY,
                        user_id         INTEGER NOT NULL REFERENCES users (id),
                        consultation_id INTEGER REFERENCES consultations (id),
                        ticket_number   INTEGER REFERENCES tickets (number),
                        direction       TEXT    NOT NULL,
                        text            TEXT,
                        at              INTEGER NOT NULL
                    )""",
                    "CREATE INDEX transcript_by_user ON transcript (user_id)",
                    "CREATE INDEX transcript_by_consultation ON transcript (consultation_id)",
                    """
                    CREATE TABLE processed_updates (
                        update_key TEXT    PRIMARY KEY,
                        at         INTEGER NOT NULL
                    ) WITHOUT ROWID""",
                    "CREATE INDEX processed_updates_by_at ON processed_updates (at)",
                    """
                    CREATE TABLE channel_cursors (
                        name       TEXT PRIMARY KEY,
                        value      TEXT NOT NULL,
                        updated_at INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE outbox (
                        id              INTEGER PRIMARY KEY AUTOINCREMENT,
                        channel         TEXT    NOT NULL,
                        chat_id         TEXT    NOT NULL,
                        markdown        TEXT    NOT NULL,
                        choices         TEXT    NOT NULL DEFAULT '[]',
                        reply_to        TEXT,
                        card_of_ticket  INTEGER REFERENCES tickets (number),
                        created_at      INTEGER NOT NULL,
                        attempts        INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at INTEGER NOT NULL,
                        sent_at         INTEGER,
                        failed_at       INTEGER,
                        last_error      TEXT,
                        platform_ids    TEXT
                    )""",
                    // the senders' query touches only waiting rows, so the index stays small as history grows
                    """
                    CREATE INDEX outbox_waiting ON outbox (channel, next_attempt_at, id)
                        WHERE sent_at IS NULL AND failed_at IS NULL""",
                    "CREATE INDEX outbox_by_chat ON outbox (channel, chat_id)",
                    "CREATE INDEX outbox_by_card ON outbox (card_of_ticket) WHERE card_of_ticket IS NOT NULL")),
            // the farewell after /forget must reach the person's chat, and then the chat id must go too
            new Step(2, List.of(
                    "ALTER TABLE outbox ADD COLUMN erase_when_done INTEGER NOT NULL DEFAULT 0")),
            new Step(3, List.of(
                    // a document (a coordinator's report) rides in the outbox with its message, so a crash never loses it
                    "ALTER TABLE outbox ADD COLUMN attachment_name TEXT",
                    "ALTER TABLE outbox ADD COLUMN attachment_type TEXT",
                    "ALTER TABLE outbox ADD COLUMN attachment BLOB",
                    // district and kind of participant are counted per consultation, so /forget can erase them from
                    // the person while the anonymous counts (districts covered is a grant target) stay
                    "ALTER TABLE consultations ADD COLUMN district TEXT",
                    "ALTER TABLE consultations ADD COLUMN role TEXT",
                    """
                    UPDATE consultations SET
                        district = (SELECT u.district FROM users u WHERE u.id = consultations.user_id),
                        role     = (SELECT u.role FROM users u WHERE u.id = consultations.user_id)""")),
            // when the desk last did a periodic job (the weekly review reminder), so a restart does not repeat it
            new Step(4, List.of(
                    """
                    CREATE TABLE desk_marks (
                        name TEXT    PRIMARY KEY,
                        at   INTEGER NOT NULL
                    ) WITHOUT ROWID""")),
            // a consultant or coordinator excludes a consultation from the report (/exclude N reason): the report
            // shows it apart with the reason and who did it, never silently
            new Step(5, List.of(
                    "ALTER TABLE consultations ADD COLUMN excluded_reason TEXT",
                    "ALTER TABLE consultations ADD COLUMN excluded_by TEXT",
                    "ALTER TABLE consultations ADD COLUMN excluded_at INTEGER")),
            new Step(6, List.of(
                    // a row that edits a ticket's card in place (who took it, who closed it, buttons left) instead of
                    // posting holds the lines it adds here; NULL for an ordinary post
                    "ALTER TABLE outbox ADD COLUMN edit_status TEXT",
                    // who closed a ticket and why, shown on its card
                    "ALTER TABLE tickets ADD COLUMN closed_by TEXT",
                    "ALTER TABLE tickets ADD COLUMN close_reason TEXT")),
            // messages not read because their sender was over the flood limit: a count per minute and channel,
            // never who or what (the report shows them apart from consultations)
            new Step(7, List.of("""
                    CREATE TABLE flood_ignored (
                        minute  INTEGER NOT NULL,
                        channel TEXT    NOT NULL,
                        count   INTEGER NOT NULL,
                        PRIMARY KEY (minute, channel)
                    )""")),
            // a resident's follow-ups to one ticket go to the consultants' chat as one post while it waits: the row
            // says whose follow-ups it carries (so a reply to it finds the ticket even when it was not threaded under
            // the card), how many, and their quoted texts (to rewrite it with one more; cleared once it is sent);
            // a ticket's next follow-up post is held until a gap after its previous one, letting other posts pass
            new Step(8, List.of(
                    "ALTER TABLE outbox ADD COLUMN followups_of INTEGER REFERENCES tickets (number)",
                    "ALTER TABLE outbox ADD COLUMN followups INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE outbox ADD COLUMN followup_quotes TEXT",
                    "ALTER TABLE outbox ADD COLUMN held_until INTEGER",
                    "CREATE INDEX outbox_by_followups ON outbox (followups_of, id) WHERE followups_of IS NOT NULL")),
            // what the desk can learn from (issue 18): a resident's choice among suggestions, an answer marked «Нет»
            // and a question escalated, each with the consultant's answer that followed. /forget empties question
            // and answer; ids and entry ids stay
            new Step(9, List.of("""
                    CREATE TABLE learning_cases (
                        id              INTEGER PRIMARY KEY,
                        kind            TEXT    NOT NULL,
                        user_id         INTEGER NOT NULL REFERENCES users (id),
                        consultation_id INTEGER REFERENCES consultations (id),
                        ticket_number   INTEGER REFERENCES tickets (number),
                        question        TEXT,
                        shown_entry     TEXT,
                        chosen_entry    TEXT,
                        answer          TEXT,
                        state           TEXT    NOT NULL DEFAULT 'OPEN',
                        resolved_entry  TEXT,
                        resolved_by     TEXT,
                        resolved_at     INTEGER,
                        created_at      INTEGER NOT NULL
                    )""",
                    "CREATE INDEX learning_cases_by_state ON learning_cases (state, created_at)",
                    "CREATE INDEX learning_cases_by_ticket ON learning_cases (ticket_number)")),
            // webinars and video consultations (issue 20): who registered for which webinar (the id of the config)
            // and whether they came; one booking per consultation slot, held by the primary key so that two people
            // tapping the same slot at once cannot both get it, and whether the consultation took place (NULL until a
            // consultant or coordinator marks it, 1 held, 0 not; the report counts only 1); each reminder recorded as
            // it is queued, so a restart neither loses nor repeats one; who asked to hear about events. /forget
            // deletes the subscription and replaces the chat ids; the rows that counts are made of stay
            new Step(10, List.of("""
                    CREATE TABLE event_registrations (
                        webinar_id    TEXT    NOT NULL,
                        user_id       INTEGER NOT NULL REFERENCES users (id),
                        chat_channel  TEXT    NOT NULL,
                        chat_id       TEXT    NOT NULL,
                        registered_at INTEGER NOT NULL,
                        attended      INTEGER NOT NULL DEFAULT 0,
                        marked_by     TEXT,
                        marked_at     INTEGER,
                        PRIMARY KEY (webinar_id, user_id)
                    )""",
                    """
                    CREATE TABLE slot_bookings (
                        slot_id      TEXT    PRIMARY KEY,
                        user_id      INTEGER NOT NULL REFERENCES users (id),
                        chat_channel TEXT    NOT NULL,
                        chat_id      TEXT    NOT NULL,
                        booked_at    INTEGER NOT NULL,
                        held         INTEGER,
                        marked_by    TEXT,
                        marked_at    INTEGER
                    )""",
                    """
                    CREATE TABLE event_reminders (
                        event_id  TEXT    NOT NULL,
                        recipient TEXT    NOT NULL,
                        which     TEXT    NOT NULL,
                        sent_at   INTEGER NOT NULL,
                        PRIMARY KEY (event_id, recipient, which)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE event_subscribers (
                        user_id      INTEGER PRIMARY KEY REFERENCES users (id),
                        chat_channel TEXT    NOT NULL,
                        chat_id      TEXT    NOT NULL,
                        since        INTEGER NOT NULL
                    )""",
                    // accounts linked by their owner: a code given in one channel and sent from another (valid for a
                    // while, used once); every linked account points at one person id, so the report counts them once
                    """
                    CREATE TABLE link_codes (
                        code       TEXT    PRIMARY KEY,
                        user_id    INTEGER NOT NULL REFERENCES users (id),
                        expires_at INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE person_links (
                        user_id INTEGER PRIMARY KEY REFERENCES users (id),
                        person  INTEGER NOT NULL
                    )""",
                    "CREATE INDEX person_links_by_person ON person_links (person)"))
    );

    private Migrations() {
    }

    static List<Step> steps() {
        return STEPS;
    }

    /** The schema version this code writes; a database with a higher one was made by newer code. */
    static int latestVersion() {
        return STEPS.get(STEPS.size() - 1).version();
    }
}
