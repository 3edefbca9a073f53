package ru.tos.dutydesk.config;

import ru.tos.dutydesk.store.DatabaseLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonProcessingException;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.FloodGuard;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.DeskTexts;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.knowledge.ReviewSchedule;
import ru.tos.dutydesk.matching.Thresholds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code duty-desk.yml} and reports every problem as {@code file: key: what is wrong}. */
public final class ConfigLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");
    /** Spelt out, because in durations "m" already means minutes. */
    private static final Pattern PERIOD = Pattern.compile("(\\d+)\\s+(days?|months?|years?)");
    private static final List<String> ASSOCIATION_KEYS =
            List.of("name", "phone", "email", "site", "vk", "telegram", "documents", "turnkey");

    private final Map<String, String> env;

    /** @param env the environment (TELEGRAM_API_URL, VK_API_URL, MAX_API_URL override the config) */
    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public AppConfig load(Path file) {
        String text = readText(file);
        DeskConfig raw = read(file, text);
        return new Validation(file, text, raw).result();
    }

    private static String readText(Path file) {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                throw new ConfigException(file + ": the file is empty");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found (give another with --config)");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ": not valid UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private DeskConfig read(Path file, String text) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            return yaml.readValue(text, DeskConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(ConfigErrorText.of(file, text, e));
        }
    }


    /** A duration longer than zero at {@code key}, or {@code dflt} when not given; a bad value is added to problems. */
    static Duration positiveDuration(String key, String value, Duration dflt, List<String> problems) {
        if (value == null) {
            return dflt;
        }
        try {
            Duration d = parseDuration(value);
            if (d.isZero()) {
                problems.add(key + ": must be longer than zero");
                return dflt;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return dflt;
        }
    }

    static Duration parseDuration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration like 90s, 15m, 2h or 3d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static Period parsePeriod(String value) {
        Matcher m = PERIOD.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a period like 12 months, 180 days or 1 year"
                    + " (spelt out: in durations 'm' means minutes)");
        }
        int n = Integer.parseInt(m.group(1));
        if (n == 0) {
            throw new IllegalArgumentException("must be more than zero");
        }
        return switch (m.group(2).charAt(0)) {
            case 'd' -> Period.ofDays(n);
            case 'm' -> Period.ofMonths(n);
            default -> Period.ofYears(n);
        };
    }

    /** One pass over the raw config that collects every problem before failing. */
    private final class Validation {
        private final Path file;
        private final String text;
        private final DeskConfig raw;
        private final List<String> problems = new ArrayList<>();

        Validation(Path file, String text, DeskConfig raw) {
            this.file = file;
            this.text = text;
            this.raw = raw;
        }

        AppConfig result() {
            String database = required("database", raw.database());
            DatabaseLocation db = databaseLocation(database);
            ZoneId zone = zone();
            DeskConfig.Desk desk = raw.desk();
            if (desk == null) {
                problems.add("desk: missing");
            }
            WorkingHours hours = desk == null ? null : workingHours(desk.workingHours(), zone);
            Duration answerWithin = duration("desk.answer-within", desk == null ? null : desk.answerWithin());
            Duration reannounce = duration("desk.reannounce-after", desk == null ? null : desk.reannounceAfter());
            Duration autoClose = duration("desk.auto-close-after", desk == null ? null : desk.autoCloseAfter());
            Period reviewEvery = reviewEvery();
            Thresholds thresholds = thresholds();
            FloodGuard.Limits flood = flood(desk == null ? null : desk.flood());
            Integer limitKb = desk == null ? null : desk.knowledgeFileLimitKb();
            if (limitKb != null && limitKb < 1) {
                problems.add("desk.knowledge-file-limit-kb: must be 1 or more");
            }
            long knowledgeLimit = limitKb == null || limitKb < 1
                    ? KnowledgeLoader.DEFAULT_MAX_FILE_BYTES : limitKb * 1024L;
            DeskConfig.Telegram tg = raw.telegram() == null ? new DeskConfig.Telegram(null, null, List.of(), List.of(), null) : raw.telegram();
            String tgUrl = url("telegram.api-url", env.getOrDefault("TELEGRAM_API_URL", orDefault(tg.apiUrl(), "https://api.telegram.org")));
            int tgPerSecond = tg.maxMessagesPerSecond() == null ? 30 : tg.maxMessagesPerSecond();
            if (tgPerSecond < 1) {
                problems.add("telegram.max-messages-per-second: must be 1 or more (Telegram allows about 30)");
            }
            String vkUrl = url("vk.api-url", env.getOrDefault("VK_API_URL",
                    raw.vk() == null ? "https://api.vk.com/method/" : orDefault(raw.vk().apiUrl(), "https://api.vk.com/method/")));
            Map<String, String> placeholders = placeholders(hours, desk);
            DeskTexts texts = texts();
            List<String> districts = raw.profile() == null || raw.profile().districts() == null ? List.of() : raw.profile().districts();
            if (districts.stream().anyMatch(d -> d == null || d.isBlank())) {
                problems.add("profile.districts: empty name");
            }
            Map<String, Integer> targets = raw.targets() == null ? Map.of() : raw.targets();
            targets.forEach((k, v) -> {
                if (v == null || v < 0) {
                    problems.add("targets." + k + ": must be a whole number 0 or more");
                }
            });
            DeskConfig.Period period = raw.period();
            if (period != null && period.from() != null && period.to() != null && period.to().isBefore(period.from())) {
                problems.add("period: 'to' is before 'from'");
            }
            Optional<AppConfig.BackupSchedule> backup = backup();
            if (backup.isPresent() && db instanceof DatabaseLocation.Postgres) {
                problems.add("backup: nightly copies are made of an SQLite file; a PostgreSQL database is backed up by"
                        + " its server (pg_dump, replication): remove the backup section");
            }
            Optional<AppConfig.HealthListener> health = health();
            AppConfig.MaxApi max = max();
            Optional<EmailConfig.Mailbox> email = EmailConfig.validate(raw.email(), problems);
            ru.tos.dutydesk.desk.EventCalendar events = EventsConfig.calendar(desk, zone, problems);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems.stream().map(p -> file + ": " + withLine(p)).collect(Collectors.joining("\n")));
            }
            Optional<Long> chatId = Optional.ofNullable(tg.consultantsChatId());
            DeskSettings settings = new DeskSettings(hours, answerWithin, reannounce, autoClose,
                    chatId.map(id -> new Address(Channel.TELEGRAM, String.valueOf(id))),
                    ids(tg.consultants()), ids(tg.coordinators()), districts, texts, reviewEvery, flood);
            return new AppConfig(file, db, zone, settings, thresholds, placeholders, tgUrl, chatId, vkUrl,
                    Map.copyOf(targets), period == null ? null : period.from(), period == null ? null : period.to(),
                    desk == null || desk.webinars() == null ? List.of() : List.copyOf(desk.webinars()), tgPerSecond,
                    backup, health, knowledgeLimit, max, email,
                    Optional.ofNullable(raw.knowledge() == null ? null : raw.knowledge().guardEval())
                            .filter(v -> !v.isBlank()).map(Path::of), events);
        }

        /** MAX: the host of the official API by default; MAX_API_URL wins so that tests point at an emulator. */
        private AppConfig.MaxApi max() {
            DeskConfig.Max m = raw.max() == null ? new DeskConfig.Max(null, null, null) : raw.max();
            String apiUrl = url("max.api-url", env.getOrDefault("MAX_API_URL", orDefault(m.apiUrl(), "https://platform-api2.max.ru")));
            int perChat = m.messagesPerSecondPerChat() == null ? 2 : m.messagesPerSecondPerChat();
            if (perChat < 1) {
                problems.add("max.messages-per-second-per-chat: must be 1 or more (MAX allows 2)");
            }
            Optional<Path> caFile = Optional.ofNullable(m.caFile()).filter(f -> !f.isBlank()).map(Path::of);
            caFile.filter(f -> !Files.isReadable(f)).ifPresent(f ->
                    problems.add("max.ca-file: " + f + " cannot be read (a PEM file with the Russian Trusted Root CA)"));
            return new AppConfig.MaxApi(apiUrl, caFile, perChat);
        }

        private DatabaseLocation databaseLocation(String database) {
            if (database.isEmpty()) {
                return null; // reported as missing
            }
            try {
                return DatabaseLocation.parse(database);
            } catch (IllegalArgumentException e) {
                problems.add("database: " + e.getMessage());
                return null;
            }
        }

        private Optional<AppConfig.BackupSchedule> backup() {
            DeskConfig.Backup b = raw.backup();
            if (b == null) {
                return Optional.empty();
            }
            String folder = required("backup.folder", b.folder());
            int keep = b.keep() == null ? 7 : b.keep();
            if (keep < 1) {
                problems.add("backup.keep: must be 1 or more (how many nightly copies to keep)");
            }
            LocalTime at = b.at() == null ? LocalTime.of(3, 0) : time("backup.at", b.at());
            return folder.isEmpty() || at == null ? Optional.empty()
                    : Optional.of(new AppConfig.BackupSchedule(Path.of(folder), keep, at));
        }

        private Optional<AppConfig.HealthListener> health() {
            DeskConfig.Health h = raw.health();
            if (h == null) {
                return Optional.empty();
            }
            if (h.port() == null) {
                problems.add("health.port: missing (e.g. 8081)");
            } else if (h.port() < 1 || h.port() > 65535) {
                problems.add("health.port: " + h.port() + " is not a port (1..65535)");
            }
            int known = problems.size();
            Duration maxPollAge = h.maxPollAge() == null ? Duration.ofMinutes(5) : duration("health.max-poll-age", h.maxPollAge());
            if (problems.size() == known && maxPollAge.isZero()) {
                problems.add("health.max-poll-age: must be longer than zero");
            }
            return h.port() == null ? Optional.empty() : Optional.of(new AppConfig.HealthListener(h.port(), maxPollAge));
        }

        private FloodGuard.Limits flood(DeskConfig.Flood raw) {
            FloodGuard.Limits dflt = FloodGuard.Limits.DEFAULT;
            int perMinute = raw == null || raw.perMinute() == null ? dflt.perMinute() : raw.perMinute();
            int perHour = raw == null || raw.perHour() == null ? dflt.perHour() : raw.perHour();
            if (perMinute < 1) {
                problems.add("desk.flood.per-minute: must be 1 or more");
            }
            if (perHour < 1) {
                problems.add("desk.flood.per-hour: must be 1 or more");
            }
            return perMinute < 1 || perHour < 1 ? dflt : new FloodGuard.Limits(perMinute, perHour);
        }

        private Set<String> ids(List<Long> ids) {
            return ids == null ? Set.of() : ids.stream().map(String::valueOf).collect(Collectors.toSet());
        }

        private String required(String key, String value) {
            if (value == null || value.isBlank()) {
                problems.add(key + ": missing");
                return "";
            }
            return value;
        }

        private String orDefault(String value, String dflt) {
            return value == null || value.isBlank() ? dflt : value;
        }

        private String url(String key, String value) {
            if (!value.startsWith("http://") && !value.startsWith("https://")) {
                problems.add(key + ": '" + value + "' is not an http(s) URL");
            }
            return value;
        }

        private ZoneId zone() {
            String tz = required("timezone", raw.timezone());
            try {
                return tz.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(tz);
            } catch (DateTimeException e) {
                problems.add("timezone: unknown zone '" + tz + "' (e.g. Europe/Moscow)");
                return ZoneId.of("UTC");
            }
        }

        private Duration duration(String key, String value) {
            if (value == null) {
                problems.add(key + ": missing");
                return Duration.ZERO;
            }
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
                return Duration.ZERO;
            }
        }

        private Period reviewEvery() {
            String value = raw.knowledge() == null ? null : raw.knowledge().reviewEvery();
            if (value == null) {
                return ReviewSchedule.DEFAULT_REVIEW_EVERY;
            }
            try {
                return parsePeriod(value);
            } catch (IllegalArgumentException e) {
                problems.add("knowledge.review-every: " + e.getMessage());
                return ReviewSchedule.DEFAULT_REVIEW_EVERY;
            }
        }

        private WorkingHours workingHours(DeskConfig.WorkingHoursConfig w, ZoneId zone) {
            if (w == null) {
                problems.add("desk.working-hours: missing");
                return null;
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String d : w.days() == null ? List.<String>of() : w.days()) {
                try {
                    days.add(dayOf(d));
                } catch (IllegalArgumentException e) {
                    problems.add("desk.working-hours.days: '" + d + "' is not a day (MON..SUN)");
                }
            }
            LocalTime from = time("desk.working-hours.from", w.from());
            LocalTime to = time("desk.working-hours.to", w.to());
            if (from == null || to == null) {
                return null;
            }
            if (!from.isBefore(to)) {
                problems.add("desk.working-hours: from (" + from + ") must be before to (" + to + ")");
                return null;
            }
            return new WorkingHours(days, from, to, zone);
        }

        private DayOfWeek dayOf(String d) {
            String u = d.trim().toUpperCase(Locale.ROOT);
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().startsWith(u) && u.length() >= 3) {
                    return day;
                }
            }
            throw new IllegalArgumentException(d);
        }

        private LocalTime time(String key, String value) {
            if (value == null) {
                problems.add(key + ": missing");
                return null;
            }
            try {
                return LocalTime.parse(value.trim().length() == 4 ? "0" + value.trim() : value.trim());
            } catch (DateTimeParseException e) {
                problems.add(key + ": '" + value + "' is not a time like 09:00");
                return null;
            }
        }

        private Thresholds thresholds() {
            DeskConfig.Matching m = raw.matching();
            if (m == null || m.answer() == null || m.suggest() == null) {
                problems.add("matching: needs answer and suggest thresholds");
                return null;
            }
            try {
                return new Thresholds(m.answer(), m.suggest(), m.margin() == null ? 0 : m.margin());
            } catch (IllegalArgumentException e) {
                problems.add("matching: " + e.getMessage());
                return null;
            }
        }

        private DeskTexts texts() {
            try {
                return raw.texts() == null ? DeskTexts.defaultTexts() : DeskTexts.withOverrides(raw.texts());
            } catch (IllegalArgumentException e) {
                problems.add("texts: " + e.getMessage());
                return DeskTexts.defaultTexts();
            }
        }

        private Map<String, String> placeholders(WorkingHours hours, DeskConfig.Desk desk) {
            Map<String, String> p = new LinkedHashMap<>();
            Map<String, String> a = raw.association() == null ? Map.of() : raw.association();
            for (String key : a.keySet()) {
                if (!ASSOCIATION_KEYS.contains(key)) {
                    problems.add("association." + key + ": unknown key; known: " + String.join(", ", ASSOCIATION_KEYS));
                }
            }
            for (String key : ASSOCIATION_KEYS) {
                String v = a.get(key);
                if (v == null || v.isBlank()) {
                    problems.add("association." + key + ": missing");
                } else {
                    p.put("association." + key, v.strip());
                }
            }
            if (hours != null) {
                p.put("desk.hours", HoursText.describe(hours));
            }
            p.put("desk.webinars", WebinarsText.describe(desk == null ? null : desk.webinars(), problems));
            return p;
        }

        /** "key.sub: what is wrong" gets the key's line, when the key is in the file, so the fix is easy to find. */
        private String withLine(String problem) {
            int colon = problem.indexOf(": ");
            if (colon < 0) {
                return problem;
            }
            List<String> path = new ArrayList<>();
            for (String part : problem.substring(0, colon).split("\\.")) {
                // "webinars[0]" is the key, then the index
                Matcher indexed = Pattern.compile("(.+)(\\[\\d+])").matcher(part);
                if (indexed.matches()) {
                    path.add(indexed.group(1));
                    path.add(indexed.group(2));
                } else {
                    path.add(part);
                }
            }
            java.util.OptionalInt line = YamlKeyLines.lineOf(text, path);
            return line.isPresent() ? problem + " (line " + line.getAsInt() + ")" : problem;
        }
    }
}
