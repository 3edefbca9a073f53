package ru.tos.dutydesk.config;

import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.matching.Thresholds;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration, split into what each part needs.
 *
 * @param placeholders values for {@code {{...}}} in knowledge files
 * @param targets      the grant project's targets by name (consultations, participants, districts, ...)
 * @param telegramMaxMessagesPerSecond the Telegram sender's overall limit (Telegram's own is 30)
 * @param knowledgeFileLimitBytes      the size limit of each knowledge file
 */
public record AppConfig(Path source, Path database, ZoneId zone, DeskSettings desk, Thresholds thresholds,
                        Map<String, String> placeholders, String telegramApiUrl, Optional<Long> consultantsChatId,
                        String vkApiUrl, Map<String, Integer> targets, LocalDate periodFrom, LocalDate periodTo,
                        List<DeskConfig.Webinar> webinars, int telegramMaxMessagesPerSecond,
                        long knowledgeFileLimitBytes) {
}
