package ru.tos.dutydesk.desk;

/**
 * A person as the desk remembers them.
 *
 * @param id           the store's id
 * @param district     municipal district from the profile, or null
 * @param role         kind of participant from the profile, or null
 * @param profileStage how far the one-time profile question has gone (see {@link ProfileStage})
 */
public record UserRecord(long id, Channel channel, String platformUserId, String displayName,
                         String district, String role, ProfileStage profileStage) {
}
