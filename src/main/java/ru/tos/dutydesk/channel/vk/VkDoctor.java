package ru.tos.dutydesk.channel.vk;

import ru.tos.dutydesk.channel.UrlCredentials;
import ru.tos.dutydesk.doctor.CheckResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code doctor}'s VK checks, made through the same SDK client as the channel: the token works and belongs to
 * VK_GROUP_ID, the community accepts messages, and Bots Long Poll is on with an API version and the event types the
 * channel reads ({@link VkUpdateMapper}). It only reads settings; nothing is sent to anyone.
 */
public final class VkDoctor {
    /** Callback buttons, and so message_event, exist from this API version on. */
    static final int[] OLDEST_VERSION = {5, 103};
    /** The events the channel maps, with their names in the community's settings. */
    private static final Map<String, String> NEEDED_EVENTS = new LinkedHashMap<>();

    static {
        NEEDED_EVENTS.put(VkUpdateMapper.MESSAGE_NEW, "«Входящее сообщение»");
        NEEDED_EVENTS.put(VkUpdateMapper.MESSAGE_EVENT, "«Действие с сообщением»");
    }

    private static final String API_SETTINGS = "Управление сообществом → Дополнительно → Работа с API";
    private static final String TOKEN_FIX = "создайте ключ заново (" + API_SETTINGS + " → Ключи доступа → Создать ключ,"
            + " права «Управление сообществом» и «Сообщения сообщества») и задайте его в VK_GROUP_TOKEN целиком";

    private final VkSettings settings;
    private final Duration timeout;

    public VkDoctor(VkSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    public List<CheckResult> run() {
        SdkVkApi api = new SdkVkApi(settings, VkRateLimiter.perSecond(3), new AbortableTransportClient(timeout));
        try {
            return checks(api);
        } finally {
            api.shutdown();
        }
    }

    private List<CheckResult> checks(SdkVkApi api) {
        List<CheckResult> results = new ArrayList<>();
        SdkVkApi.Community community;
        try {
            community = api.community();
        } catch (VkCallException e) {
            results.add(tokenFailure(e));
            return results;
        }
        if (community.id() != settings.groupId()) {
            results.add(CheckResult.failed("VK: ключ доступа", "ключ принадлежит сообществу «" + community.name()
                    + "» (id " + community.id() + "), а VK_GROUP_ID = " + settings.groupId(),
                    "задайте VK_GROUP_ID=" + community.id() + " или возьмите ключ сообщества " + settings.groupId()));
            return results;
        }
        results.add(CheckResult.ok("VK: ключ доступа", "ключ сообщества «" + community.name() + "» (id "
                + community.id() + ") работает"));
        results.add(community.canMessage()
                ? CheckResult.ok("VK: сообщения сообщества", "включены: жители могут писать сообществу")
                : CheckResult.failed("VK: сообщения сообщества", "выключены: жители не смогут написать сообществу",
                "включите: Управление сообществом → Сообщения → Сообщения сообщества: «Включены»"));
        longPoll(api, results);
        return results;
    }

    private CheckResult tokenFailure(VkCallException e) {
        if (e.kind() == VkCallException.Kind.IO) {
            return CheckResult.failed("VK: ключ доступа", "VK API по адресу " + UrlCredentials.redact(settings.apiUrl())
                    + " не ответил (" + e.getMessage() + ")", "проверьте, что с сервера открывается "
                    + UrlCredentials.redact(settings.apiUrl()) + " (сеть, прокси), и адрес в vk.api-url / VK_API_URL");
        }
        if (e.code().filter(c -> c == 5 || c == 27 || c == 1116).isPresent()) {
            return CheckResult.failed("VK: ключ доступа", "VK не принял ключ доступа сообщества (" + e.getMessage() + ")",
                    TOKEN_FIX);
        }
        return CheckResult.failed("VK: ключ доступа", "VK не ответил на groups.getById: " + e.getMessage(), TOKEN_FIX);
    }

    private void longPoll(SdkVkApi api, List<CheckResult> results) {
        SdkVkApi.LongPollSettings lp;
        try {
            lp = api.longPollSettings();
        } catch (VkCallException e) {
            String manual = "проверьте вручную: " + API_SETTINGS + " → Long Poll API: «Включён», версия API "
                    + api.apiVersion() + ", типы событий " + String.join(" и ", NEEDED_EVENTS.values());
            if (e.code().filter(c -> c == 7 || c == 15 || c == 27).isPresent()) {
                results.add(CheckResult.warning("VK: Long Poll", "настройки Long Poll не прочитать этим ключом ("
                        + e.getMessage() + "): у ключа нет права «Управление сообществом»",
                        manual + "; или создайте ключ с этим правом, и doctor проверит их сам"));
            } else {
                results.add(CheckResult.failed("VK: Long Poll", "настройки Long Poll не прочитать: " + e.getMessage(), manual));
            }
            return;
        }
        String where = API_SETTINGS + " → Long Poll API";
        if (!lp.enabled()) {
            results.add(CheckResult.failed("VK: Long Poll", "Bots Long Poll выключен: дежурная не получит ни одного сообщения",
                    "включите: " + where + " → Long Poll API: «Включён»"));
        } else if (!atLeast(lp.apiVersion(), OLDEST_VERSION)) {
            results.add(CheckResult.failed("VK: Long Poll", "включён, но версия API «" + lp.apiVersion()
                    + "» слишком старая: нажатия кнопок (message_event) приходят только с версии "
                    + OLDEST_VERSION[0] + "." + OLDEST_VERSION[1],
                    "выберите версию API " + api.apiVersion() + ": " + where + " → Версия API"));
        } else {
            results.add(CheckResult.ok("VK: Long Poll", "включён, версия API " + lp.apiVersion()));
        }
        results.add(events(lp.events(), where));
    }

    private static CheckResult events(Set<String> on, String where) {
        List<String> missing = NEEDED_EVENTS.entrySet().stream().filter(e -> !on.contains(e.getKey()))
                .map(e -> e.getValue() + " (" + e.getKey() + ")").toList();
        if (missing.isEmpty()) {
            return CheckResult.ok("VK: типы событий", "входящие сообщения и нажатия кнопок приходят");
        }
        return CheckResult.failed("VK: типы событий", "не включены: " + String.join(", ", missing)
                        + (on.contains(VkUpdateMapper.MESSAGE_NEW) ? ": нажатия кнопок жителей не дойдут до дежурной"
                        : ": сообщения жителей не дойдут до дежурной"),
                "отметьте их: " + where + " → Типы событий → Сообщения");
    }

    /** True when a "major.minor" version is at least {@code oldest}; false when it cannot be read. */
    static boolean atLeast(String version, int[] oldest) {
        String[] parts = version == null ? new String[0] : version.strip().split("\\.");
        if (parts.length < 2) {
            return false;
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            return major > oldest[0] || major == oldest[0] && minor >= oldest[1];
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
