package ru.tos.dutydesk.channel.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tos.dutydesk.channel.CursorStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per correspondent, the last letter they wrote: its Message-ID, its References and its subject, so that our
 * next letter to them is a reply in the same thread of their mail program. Kept in the durable cursor store, so a
 * consultant's answer days later, after restarts, still lands in the thread.
 */
final class ThreadMemory {
    private static final Logger log = LoggerFactory.getLogger(ThreadMemory.class);
    /** Mail programs cut long References; the first and the newest ids are what matters for threading. */
    private static final int MAX_REFERENCES = 20;

    private final CursorStore store;
    private final ObjectMapper json = new ObjectMapper();

    /** @param messageId their last letter's Message-ID, or null; @param references ids of the thread before it */
    record LastLetter(String messageId, List<String> references, String subject) {
        /** In-Reply-To and References of our reply: theirs plus their letter's own id. */
        List<String> replyReferences() {
            List<String> refs = new ArrayList<>(references == null ? List.of() : references);
            if (messageId != null && !refs.contains(messageId)) {
                refs.add(messageId);
            }
            if (refs.size() > MAX_REFERENCES) {
                List<String> cut = new ArrayList<>(refs.subList(refs.size() - MAX_REFERENCES + 1, refs.size()));
                cut.add(0, refs.get(0));
                return cut;
            }
            return refs;
        }
    }

    ThreadMemory(CursorStore store) {
        this.store = store;
    }

    void remember(String address, LastLetter thread) {
        try {
            store.save(key(address), json.writeValueAsString(thread));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<LastLetter> of(String address) {
        return store.load(key(address)).flatMap(v -> {
            try {
                return Optional.of(json.readValue(v, LastLetter.class));
            } catch (JsonProcessingException e) {
                log.warn("email: unreadable thread record for one correspondent, replying without threading");
                return Optional.empty();
            }
        });
    }

    private static String key(String address) {
        return "email:thread:" + address;
    }
}
