package ru.tos.dutydesk.cli;

import ru.tos.dutydesk.store.DatabaseLocation;
import ru.tos.dutydesk.store.DatabaseLogin;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import ru.tos.dutydesk.channel.email.EmailDoctor;
import ru.tos.dutydesk.channel.email.EmailSettings;
import ru.tos.dutydesk.channel.max.MaxDoctor;
import ru.tos.dutydesk.channel.max.MaxSettings;
import ru.tos.dutydesk.channel.telegram.TelegramDoctor;
import ru.tos.dutydesk.channel.telegram.TelegramSettings;
import ru.tos.dutydesk.channel.vk.VkDoctor;
import ru.tos.dutydesk.channel.vk.VkSettings;
import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigException;
import ru.tos.dutydesk.doctor.CheckResult;
import ru.tos.dutydesk.doctor.Checklist;
import ru.tos.dutydesk.doctor.ClockCheck;
import ru.tos.dutydesk.doctor.DatabaseCheck;
import ru.tos.dutydesk.doctor.DiskSpaceCheck;
import ru.tos.dutydesk.doctor.KnowledgeFilesCheck;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code doctor}: checks, with the tokens and config of a real deployment, everything the desk needs and prints a
 * checklist in Russian, each failed line with what to do. Exits 1 when anything the desk needs is missing.
 * It runs beside a running desk: the database is then only read.
 */
@Command(name = "doctor", description = "Check the set-up (config, database, knowledge, clock, disk, Telegram, VK, MAX, e-mail)"
        + " and print a checklist; exits 1 when something the desk needs is missing.")
final class DoctorCommand implements Callable<Integer> {
    /** How long one platform call may take before the check counts it as unanswered. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checklist checklist = new Checklist();
        try (DeskContext ctx = new DeskContext(GlobalOptions.of(spec), System.getenv())) {
            check(ctx, checklist);
        }
        var out = spec.commandLine().getOut();
        out.println("Проверка настройки дежурной");
        checklist.print(out);
        return checklist.exitCode();
    }

    private static void check(DeskContext ctx, Checklist checklist) throws IOException {
        AppConfig config;
        try {
            config = ctx.config();
        } catch (StartupException e) {
            checklist.add(CheckResult.failed("Настройки", e.getMessage(),
                    "исправьте названный ключ в файле настроек (или укажите файл через --config) и запустите doctor снова"));
            return;
        }
        checklist.add(CheckResult.ok("Настройки", config.source() + " прочитан без ошибок"));
        if (ctx.database() instanceof DatabaseLocation.Postgres pg) {
            checklist.add(DatabaseCheck.postgres(pg, DatabaseLogin.from(ctx.env())));
            // logs and the console chat's try-out file still live on this machine's disk
            checklist.add(new DiskSpaceCheck(DeskContext.TRY_OUT_BESIDE_POSTGRES).run());
        } else {
            Path file = ctx.databaseFile("doctor");
            checklist.addAll(new DatabaseCheck(file, System.getProperty("user.name")).run());
            checklist.add(new DiskSpaceCheck(file).run());
        }
        checklist.add(new KnowledgeFilesCheck(ctx.faqDir(), config.placeholders(), KbCommand.requiredTopics()).run());
        checklist.add(new ClockCheck(Clock.systemUTC(), config.zone(), config.desk().hours()).run());
        channels(ctx, config, checklist);
        email(ctx, config, checklist);
    }

    private static void email(DeskContext ctx, AppConfig config, Checklist checklist) {
        Optional<EmailSettings> settings;
        try {
            settings = EmailSettings.of(config.email(), ctx.env());
        } catch (IllegalArgumentException e) {
            checklist.add(CheckResult.failed("Почта", e.getMessage(), "задайте в EMAIL_PASSWORD пароль приложения почтового"
                    + " ящика или уберите раздел email из настроек, если почта не нужна"));
            return;
        }
        if (settings.isPresent()) {
            checklist.addAll(new EmailDoctor(settings.get()).run());
        } else {
            checklist.add(CheckResult.info("Почта", "раздела email в настройках нет: канал выключен"));
        }
    }

    private static void channels(DeskContext ctx, AppConfig config, Checklist checklist) {
        Optional<String> telegramToken = Optional.ofNullable(ctx.env().get("TELEGRAM_BOT_TOKEN")).filter(t -> !t.isBlank());
        Optional<VkSettings> vk;
        boolean vkHalfSet = false;
        try {
            vk = VkSettings.fromEnvironment(ctx.env(), config.vkApiUrl());
        } catch (ConfigException e) {
            checklist.add(CheckResult.failed("VK", e.getMessage(), "задайте обе переменные, VK_GROUP_TOKEN и VK_GROUP_ID,"
                    + " или ни одной, если VK не нужен"));
            vk = Optional.empty();
            vkHalfSet = true;
        }
        Optional<MaxSettings> max;
        boolean maxBroken = false;
        try {
            max = MaxSettings.fromEnvironment(ctx.env(), config.max());
        } catch (ConfigException e) {
            checklist.add(CheckResult.failed("MAX", e.getMessage(), "задайте в MAX_BOT_TOKEN токен бота с платформы MAX для партнёров целиком"));
            max = Optional.empty();
            maxBroken = true;
        }
        if (telegramToken.isEmpty() && vk.isEmpty() && !vkHalfSet && max.isEmpty() && !maxBroken && config.email().isEmpty()) {
            checklist.add(CheckResult.info("Каналы", "TELEGRAM_BOT_TOKEN, VK_GROUP_TOKEN и MAX_BOT_TOKEN не заданы: дежурная"
                    + " запустится только как чат в терминале; чтобы подключить Telegram, VK или MAX, задайте их токены"));
            return;
        }
        if (telegramToken.isPresent()) {
            telegram(telegramToken.get().strip(), config, checklist);
        } else {
            checklist.add(CheckResult.info("Telegram", "TELEGRAM_BOT_TOKEN не задан: канал выключен"));
        }
        if (vk.isPresent()) {
            checklist.addAll(new VkDoctor(vk.get(), CALL_TIMEOUT).run());
        } else if (!vkHalfSet) {
            checklist.add(CheckResult.info("VK", "VK_GROUP_TOKEN не задан: канал выключен"));
        }
        if (max.isPresent()) {
            checklist.add(new MaxDoctor(max.get(), CALL_TIMEOUT).run());
        } else if (!maxBroken) {
            checklist.add(CheckResult.info("MAX", "MAX_BOT_TOKEN не задан: канал выключен"));
        }
    }

    private static void telegram(String token, AppConfig config, Checklist checklist) {
        TelegramSettings settings;
        try {
            settings = TelegramSettings.of(token, config);
        } catch (IllegalArgumentException e) {
            checklist.add(CheckResult.failed("Telegram", e.getMessage(), "исправьте telegram.api-url / TELEGRAM_API_URL"));
            return;
        }
        checklist.addAll(new TelegramDoctor(settings, config.desk().consultants(), config.desk().coordinators(),
                CALL_TIMEOUT).run());
    }
}
