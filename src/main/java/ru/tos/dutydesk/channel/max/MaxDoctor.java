package ru.tos.dutydesk.channel.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import ru.tos.dutydesk.channel.UrlCredentials;
import ru.tos.dutydesk.config.ConfigException;
import ru.tos.dutydesk.doctor.CheckResult;

import java.time.Duration;

/**
 * {@code doctor}'s MAX check, made through the same client as the channel: {@code GET /me} answers with the token
 * of MAX_BOT_TOKEN, over TLS trusted as the channel trusts it. It only reads; nothing is sent to anyone.
 */
public final class MaxDoctor {
    static final String SUBJECT = "MAX: токен бота";
    private static final String TOKEN_FIX = "возьмите токен заново в разделе бота на платформе MAX для партнёров"
            + " (business.max.ru; см. руководство администратора) и задайте его в MAX_BOT_TOKEN целиком";

    private final MaxSettings settings;
    private final Duration timeout;

    public MaxDoctor(MaxSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    public CheckResult run() {
        MaxApi api;
        try {
            api = new MaxApi(settings, timeout, new ObjectMapper());
        } catch (ConfigException e) {
            return CheckResult.failed("MAX: сертификаты", e.getMessage(),
                    "укажите в max.ca-file файл PEM с корневым сертификатом Минцифры (см. руководство администратора)");
        }
        try {
            MaxApi.BotInfo me = api.me();
            return CheckResult.ok(SUBJECT, "бот «" + me.name() + "»" + (me.username().isBlank() ? "" : " (@" + me.username() + ")")
                    + " отвечает, id " + me.userId());
        } catch (MaxCallException e) {
            return failure(e);
        } finally {
            api.shutdown();
        }
    }

    private CheckResult failure(MaxCallException e) {
        String where = UrlCredentials.redact(settings.apiUrl());
        if (e.kind() == MaxCallException.Kind.API && e.status() == 401) {
            return CheckResult.failed(SUBJECT, "MAX не принял токен (" + e.getMessage() + ")", TOKEN_FIX);
        }
        if (e.kind() == MaxCallException.Kind.IO && MaxApi.isTls(e.getCause())) {
            return CheckResult.failed(SUBJECT, "сертификат MAX API по адресу " + where + " не проверен: " + e.getMessage(),
                    settings.caFile().isEmpty()
                            ? "встроенный сертификат Минцифры не подошёл: если Минцифры выпустило новый, скачайте его"
                            + " (см. руководство администратора) и укажите путь к файлу в max.ca-file"
                            : "файл max.ca-file (" + settings.caFile().get() + ") не подходит: возьмите корневой и"
                            + " промежуточный сертификаты Минцифры заново");
        }
        if (e.kind() == MaxCallException.Kind.IO) {
            return CheckResult.failed(SUBJECT, "MAX API по адресу " + where + " не ответил (" + e.getMessage() + ")",
                    "проверьте, что с сервера открывается " + where + " (сеть, прокси), и адрес в max.api-url / MAX_API_URL");
        }
        return CheckResult.failed(SUBJECT, "MAX не ответил на GET /me: " + e.getMessage(), TOKEN_FIX);
    }
}
