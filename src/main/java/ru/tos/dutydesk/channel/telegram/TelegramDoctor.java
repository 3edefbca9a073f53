package ru.tos.dutydesk.channel.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChat;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.ChatPermissions;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.ChatFullInfo;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberRestricted;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import ru.tos.dutydesk.channel.UrlCredentials;
import ru.tos.dutydesk.doctor.CheckResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code doctor}'s Telegram checks, made with the same client the channel uses: the token (getMe), the bot's privacy
 * mode, the consultants' chat (getChat) and who is in it (getChatMember for the bot, each consultant and each
 * coordinator). It only reads; nothing is sent to anyone.
 */
public final class TelegramDoctor {
    /** The consultants' chat id shipped in the sample config: a chat that exists nowhere. */
    public static final long PLACEHOLDER_CHAT_ID = -1_000_000_000_000L;
    private static final String CHAT_KEY = "telegram.consultants-chat-id";

    private final TelegramSettings settings;
    private final List<Long> consultants;
    private final List<Long> coordinators;
    private final Duration timeout;

    /**
     * @param consultants  the configured consultants' Telegram user ids (telegram.consultants)
     * @param coordinators the configured coordinators' Telegram user ids (telegram.coordinators)
     */
    public TelegramDoctor(TelegramSettings settings, Collection<String> consultants, Collection<String> coordinators,
                          Duration timeout) {
        this.settings = settings;
        this.consultants = sortedIds(consultants);
        this.coordinators = sortedIds(coordinators);
        this.timeout = timeout;
    }

    private static List<Long> sortedIds(Collection<String> ids) {
        return ids.stream().map(Long::parseLong).sorted().toList();
    }

    public List<CheckResult> run() {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(timeout).readTimeout(timeout).callTimeout(timeout.multipliedBy(2))
                .retryOnConnectionFailure(false).build();
        try {
            TelegramClient client = new OkHttpTelegramClient(new ObjectMapper(), http, settings.token(), settings.telegramUrl());
            return new Session(client).run();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** One run's calls and findings. */
    private final class Session {
        private final TelegramClient client;
        private final List<CheckResult> results = new ArrayList<>();

        Session(TelegramClient client) {
            this.client = client;
        }

        List<CheckResult> run() {
            User me;
            try {
                me = client.execute(new GetMe());
            } catch (TelegramApiException e) {
                results.add(tokenFailure(e));
                return results;
            }
            results.add(CheckResult.ok("Telegram: токен", "бот @" + me.getUserName() + " (id " + me.getId()
                    + ") отвечает через " + UrlCredentials.redact(settings.apiUrl())));
            results.add(privacy(me));
            Optional<Long> chatId = settings.consultantsChatId();
            if (chatId.isEmpty()) {
                results.add(CheckResult.failed("Telegram: группа консультантов", "ключ " + CHAT_KEY + " не задан: "
                        + "карточки заявок некуда отправлять, вопросы без ответа будут видны только командой `tickets`",
                        "добавьте бота в группу консультантов, узнайте id группы и впишите его в " + CHAT_KEY));
                return results;
            }
            if (chatId.get() == PLACEHOLDER_CHAT_ID) {
                results.add(CheckResult.failed("Telegram: группа консультантов", "в ключе " + CHAT_KEY
                        + " остался пример из поставки (" + PLACEHOLDER_CHAT_ID + "), такой группы нет",
                        "добавьте бота в группу консультантов, узнайте id группы (он начинается с -100) и впишите его в "
                                + CHAT_KEY));
                return results;
            }
            Optional<ChatFullInfo> chat = chat(chatId.get());
            if (chat.isPresent() && botMayWrite(chatId.get(), me.getId(), chat.get())) {
                people(chatId.get());
            }
            return results;
        }

        private CheckResult tokenFailure(TelegramApiException e) {
            if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null
                    && (r.getErrorCode() == 401 || r.getErrorCode() == 404)) {
                return CheckResult.failed("Telegram: токен", "Telegram не принял токен (" + r.getErrorCode() + " "
                        + r.getApiResponse() + ")",
                        "возьмите токен у @BotFather (/mybots → бот → API Token) и задайте его в TELEGRAM_BOT_TOKEN целиком");
            }
            return CheckResult.failed("Telegram: токен", "Bot API по адресу " + UrlCredentials.redact(settings.apiUrl())
                    + " не ответил: " + reason(e),
                    "проверьте, что с сервера открывается " + UrlCredentials.redact(settings.apiUrl())
                            + " (сеть, прокси, брандмауэр), и адрес в telegram.api-url / TELEGRAM_API_URL");
        }

        private CheckResult privacy(User me) {
            if (Boolean.TRUE.equals(me.getCanReadAllGroupMessages())) {
                return CheckResult.ok("Telegram: режим приватности", "выключен: бот видит все сообщения в группах");
            }
            return CheckResult.info("Telegram: режим приватности", "включён (так по умолчанию): в группе консультантов"
                    + " бот видит только команды и ответы на свои сообщения. Дежурной этого достаточно: ответ на"
                    + " карточку заявки (кнопка «Ответить») и /answer N доходят; обычное сообщение в группе, не"
                    + " ответ на карточку, бот не увидит (если он не администратор группы)");
        }

        /** getChat: does the chat exist for the bot? */
        private Optional<ChatFullInfo> chat(long chatId) {
            String subject = "Telegram: группа консультантов";
            ChatFullInfo chat;
            try {
                chat = client.execute(GetChat.builder().chatId(chatId).build());
            } catch (TelegramApiException e) {
                results.add(chatFailure(subject, chatId, e));
                return Optional.empty();
            }
            if ("private".equals(chat.getType())) {
                results.add(CheckResult.warning(subject, "чат " + chatId + " — личный чат с одним человеком, а не группа",
                        "создайте группу для консультантов, добавьте в неё бота и впишите id группы в " + CHAT_KEY));
            } else {
                results.add(CheckResult.ok(subject, "«" + chat.getTitle() + "» (" + chatId + ") найдена"));
            }
            return Optional.of(chat);
        }

        private CheckResult chatFailure(String subject, long chatId, TelegramApiException e) {
            String fix = "добавьте бота в группу консультантов (Управление группой → Участники → Добавить) и проверьте id"
                    + " группы в " + CHAT_KEY;
            if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
                if (r.getErrorCode() == 403) {
                    return CheckResult.failed(subject, "бота удалили из группы " + chatId + " (" + r.getApiResponse() + ")",
                            "добавьте бота в группу консультантов снова (если он в чёрном списке группы, сначала уберите его оттуда)");
                }
                return CheckResult.failed(subject, "Telegram не нашёл группу " + chatId + " (" + r.getApiResponse()
                        + "): такой группы нет или бот в ней не состоит", fix);
            }
            return CheckResult.failed(subject, "не удалось спросить Telegram о группе " + chatId + ": " + reason(e),
                    "проверьте связь с Bot API и запустите doctor снова");
        }

        /** getChatMember for the bot itself: is it in the chat and may it post cards there? */
        private boolean botMayWrite(long chatId, long botId, ChatFullInfo chat) {
            String subject = "Telegram: бот в группе";
            ChatPermissions p = chat.getPermissions();
            boolean membersMayWrite = p == null || !Boolean.FALSE.equals(p.getCanSendMessages());
            ChatMember member;
            try {
                member = client.execute(GetChatMember.builder().chatId(chatId).userId(botId).build());
            } catch (TelegramApiException e) {
                results.add(chatFailure(subject, chatId, e));
                return false;
            }
            String join = "добавьте бота в группу консультантов (Управление группой → Участники → Добавить)";
            String allow = "сделайте бота администратором группы или разрешите ему писать (Управление группой → Разрешения)";
            CheckResult r = switch (member.getStatus()) {
                case "creator", "administrator" -> CheckResult.ok(subject, "бот — администратор группы и может писать в неё");
                case "member" -> membersMayWrite
                        ? CheckResult.ok(subject, "бот — участник группы и может писать в неё")
                        : CheckResult.failed(subject, "в группе участникам запрещено писать, бот не сможет отправлять"
                        + " карточки заявок", allow);
                case "restricted" -> member instanceof ChatMemberRestricted m && Boolean.FALSE.equals(m.getIsMember())
                        ? CheckResult.failed(subject, "бот не состоит в группе", join)
                        : member instanceof ChatMemberRestricted m && Boolean.FALSE.equals(m.getCanSendMessages())
                        ? CheckResult.failed(subject, "боту запрещено писать в группе (ограничен), карточки заявок не дойдут", allow)
                        : CheckResult.ok(subject, "бот в группе ограничен, но писать может");
                case "kicked" -> CheckResult.failed(subject, "бот удалён из группы и заблокирован в ней",
                        "уберите бота из чёрного списка группы и добавьте снова");
                default -> CheckResult.failed(subject, "бот не состоит в группе (статус " + member.getStatus() + ")", join);
            };
            results.add(r);
            return !r.failed();
        }

        /** Each consultant must be in the chat (cards arrive only there); coordinators may use the private chat. */
        private void people(long chatId) {
            if (consultants.isEmpty()) {
                results.add(CheckResult.failed("Telegram: консультанты", "список telegram.consultants пуст: брать заявки"
                        + " и отвечать на них некому", "впишите в telegram.consultants Telegram id каждого консультанта"));
            }
            for (long id : consultants) {
                results.add(person(chatId, id, true));
            }
            if (coordinators.isEmpty()) {
                results.add(CheckResult.info("Telegram: координаторы", "список telegram.coordinators пуст: /stats и"
                        + " /export не доступны никому (отчёт можно получить на сервере командой `report`)"));
            }
            for (long id : coordinators) {
                results.add(person(chatId, id, false));
            }
        }

        private CheckResult person(long chatId, long userId, boolean consultant) {
            String subject = (consultant ? "Telegram: консультант " : "Telegram: координатор ") + userId;
            String key = consultant ? "telegram.consultants" : "telegram.coordinators";
            ChatMember member;
            try {
                member = client.execute(GetChatMember.builder().chatId(chatId).userId(userId).build());
            } catch (TelegramApiException e) {
                return absent(subject, key, consultant, "Telegram не знает такого участника группы (" + reason(e) + ")");
            }
            String name = member.getUser() == null ? "" : " (" + displayName(member.getUser()) + ")";
            boolean in = switch (member.getStatus()) {
                case "creator", "administrator", "member" -> true;
                case "restricted" -> !(member instanceof ChatMemberRestricted m) || !Boolean.FALSE.equals(m.getIsMember());
                default -> false;
            };
            if (in) {
                return CheckResult.ok(subject + name, "в группе консультантов");
            }
            String status = "kicked".equals(member.getStatus()) ? "удалён из группы консультантов"
                    : "не состоит в группе консультантов";
            return absent(subject + name, key, consultant, status);
        }

        private CheckResult absent(String subject, String key, boolean consultant, String what) {
            if (consultant) {
                return CheckResult.failed(subject, what + ": карточек заявок он не увидит",
                        "добавьте его в группу консультантов или проверьте id в " + key);
            }
            return CheckResult.warning(subject, what + ": /stats и /export работают у него только в личном чате с ботом",
                    "добавьте его в группу консультантов, если он должен видеть карточки, или проверьте id в " + key);
        }
    }

    private static String displayName(User u) {
        String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
                + (u.getLastName() == null ? "" : u.getLastName())).strip();
        return name.isEmpty() && u.getUserName() != null ? "@" + u.getUserName() : name;
    }

    /** Why a call failed, without the token (the library's messages may carry the URL, which holds it). */
    private static String reason(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
            return r.getErrorCode() + " " + r.getApiResponse();
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getClass().getSimpleName();
    }
}
