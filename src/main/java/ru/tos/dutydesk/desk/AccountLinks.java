package ru.tos.dutydesk.desk;

import java.time.Instant;
import java.util.Optional;

/**
 * Accounts a person said are theirs: a code the desk gives in one channel, sent back from another. The report then
 * counts that person once; accounts are never matched by a guess (a name, an address).
 */
public interface AccountLinks {

    /**
     * Keeps {@code code} for {@code userId} until {@code expires} (the account's older code and expired ones go); false
     * when the code is taken (try another).
     */
    boolean saveCode(String code, long userId, Instant now, Instant expires);

    /** The account the code was given to, when it is valid now; the code is used up either way. */
    Optional<Long> takeCode(String code, Instant now);

    /** Makes the two accounts (and every account linked to either) one person. */
    void link(long userId, long otherUserId);

    boolean linked(long userId, long otherUserId);
}
