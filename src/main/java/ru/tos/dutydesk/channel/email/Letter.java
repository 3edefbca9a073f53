package ru.tos.dutydesk.channel.email;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One letter from the mailbox, read and decoded, in the channel's terms.
 *
 * @param uid         its IMAP UID in the folder
 * @param messageId   its Message-ID, or null when the sender's program gave none
 * @param references  In-Reply-To and References, oldest first, without duplicates
 * @param from        the sender's address in lower case
 * @param ownWords    the body without quoted history and signature
 * @param attachments the names of attached files (they stay in the mailbox)
 * @param notForUs    why no one should answer it (an auto-reply, a bounce, a list), or empty
 * @param failure     when it is a bounce: which of our letters failed and why
 */
record Letter(long uid, String messageId, List<String> references, String subject, String from, String fromName,
              String ownWords, List<String> attachments, Optional<String> notForUs, Optional<DeliveryFailure> failure,
              Instant receivedAt) {
}
