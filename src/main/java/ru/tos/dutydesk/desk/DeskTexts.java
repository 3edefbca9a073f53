package ru.tos.dutydesk.desk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the desk says in its own words. Defaults are here; {@code texts:} in config overrides any of them by
 * key. {@code {name}} marks a value the desk fills in. Texts are Markdown.
 */
public final class DeskTexts {
    private static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> texts;

    private DeskTexts(Map<String, String> texts) {
        this.texts = texts;
    }

    public static DeskTexts defaultTexts() {
        return new DeskTexts(DEFAULTS);
    }

    /** Defaults with overrides; an unknown key is an error so that a typo in config is not silently ignored. */
    public static DeskTexts withOverrides(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        for (var e : overrides.entrySet()) {
            if (!DEFAULTS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown text '" + e.getKey() + "'; known: " + String.join(", ", DEFAULTS.keySet()));
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("text '" + e.getKey() + "' is empty");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return new DeskTexts(java.util.Collections.unmodifiableMap(merged));
    }

    public static Set<String> keys() {
        return DEFAULTS.keySet();
    }

    /** The text for {@code key} with each {@code {name}} replaced by its value. */
    public String get(String key, Object... namesAndValues) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{" + namesAndValues[i] + "}", String.valueOf(namesAndValues[i + 1]));
        }
        return text;
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("welcome", """
                Здравствуйте! Я онлайн-дежурная по вопросам ТОС — территориального общественного самоуправления.

                Напишите вопрос своими словами: как создать ТОС, что писать в уставе, как провести собрание, \
                где взять деньги на проект. Отвечу сразу, а если не знаю ответа — передам консультанту, \
                и его ответ придёт сюда же.

                Нужен живой человек — напишите «позовите консультанта» или /human. Справка: /help.

                Я храню ваше имя, сообщения, а также район и роль, если вы их укажете, — чтобы отвечать \
                и считать консультации для отчёта ассоциации по её проекту; стереть всё это можно командой /forget.""");
        m.put("help", """
                Как со мной говорить:
                - просто напишите вопрос, например «как создать тос» или «нужна ли тосу печать»;
                - /human — передать вопрос консультанту;
                - пока вопрос у консультанта, я продолжаю отвечать на другие вопросы, а то, на что ответить не могу, \
                добавляю к обращению;
                - /cancel, «вопрос снят» или «уже не надо» — отозвать обращение;
                - «вебинары» — ближайшие вебинары и видеоконсультации: запись одной кнопкой;
                - /profile — указать район и кто вы (для отчёта, по желанию);
                - /link — если пишете нам из двух каналов: код, чтобы в отчёте считаться одним участником;
                - /forget — удалить ваши данные.

                Консультанты работают {hours}.""");
        m.put("consultant-help", """
                Команды консультанта:
                - ответить — ответьте на карточку обращения (reply) или /answer N текст;
                - /queue — открытые обращения;
                - /take N — взять обращение;
                - /close N — закрыть обращение; если ответа не было, укажите причину: /close N уже ответили, \
                /close N не вопрос, /close N повтор или своими словами (житель увидит причину);
                - /exclude N причина — не считать обращение в отчёте (приветствие, проба, дубль); /include N — вернуть;
                - /teach N id — добавить вопрос обращения №N в статью id как ещё одну формулировку; /draft N — \
                черновик новой статьи из вопроса и ответа; /inbox — чему научиться за неделю; /untaught — что добавлено, \
                /untaught K — убрать добавленное;
                - /events — кто записан на вебинары и видеоконсультации; /attendance ID — отметить пришедших на вебинар;                 /announce ID — анонс тем, кто попросил сообщать о мероприятиях;
                - /id — номер этого чата и ваш номер пользователя (для настройки).""");
        m.put("teach-offer", "📚 Обращение №{number}: научить дежурную? Вопрос «{question}» — к какой статье он относится? "
                + "Нажмите статью, или /teach {number} id-статьи, или /draft {number} — черновик новой статьи.");
        m.put("teach-draft-button", "📝 Черновик новой статьи");
        m.put("teach-done", "✅ Вопрос «{question}» добавлен в статью «{title}» ({id}), добавил(а): {who}. Дежурная начнёт "
                + "отвечать на него через несколько секунд. Отменить: /untaught {case}");
        m.put("teach-refused", "⛔ Не добавила вопрос «{question}» в статью «{title}»: он перетянул бы к ней вопросы "
                + "других статей — {pulled}. Дополните нужную статью вручную или начните черновик: /draft {number}");
        m.put("teach-failed", "Не удалось изменить файл статьи, ничего не записано: {problem}");
        m.put("teach-unavailable", "Обучение здесь недоступно: дежурная запущена без папки базы знаний.");
        m.put("teach-no-case", "По обращению №{number} учиться не на чем: на него ещё не ответили или вопрос не сохранён.");
        m.put("teach-forgotten", "Текст этого вопроса удалён по просьбе жителя (/forget), добавлять нечего.");
        m.put("teach-already", "Этот вопрос уже разобран ({state}).");
        m.put("teach-no-entry", "Статьи «{id}» нет в базе знаний. Id статьи — имя её файла без .md, например create-steps.");
        m.put("teach-usage", "Напишите так: /teach N id-статьи (N — номер обращения), или /draft N — черновик новой статьи.");
        m.put("draft-done", "📝 Черновик новой статьи записан: {file}. В нём вопрос и ответ консультанта; допишите "
                + "источники и перенесите файл в папку темы — тогда дежурная начнёт им отвечать.");
        m.put("inbox-empty", "За неделю учиться не на чем: всё разобрано.");
        m.put("inbox-head", "**Чему научиться (за 7 дней, открытых случаев: {count}):**");
        m.put("untaught-done", "↩️ Вопрос «{question}» убран из статьи «{title}» ({id}).");
        m.put("untaught-none", "Не нашла вопроса, добавленного по случаю {case}. Список: /untaught");
        m.put("untaught-empty", "Добавленных из чата вопросов пока нет.");
        m.put("untaught-head", "**Добавленные из чата вопросы** (убрать: /untaught K):");
        m.put("coordinator-help", """
                Команды координатора (в личном чате с ботом или в чате консультантов):
                - /stats [период] — цифры проекта в сравнении с целями;
                - /exclude N причина — не считать обращение №N в отчёте (только в чате консультантов); /include N — вернуть;
                - /export [период] — те же цифры файлами (таблица для Excel и страница с диаграммами), \
                период указывается так же;
                - /events, /attendance ID, /announce ID — вебинары: кто записан, кто пришёл, анонс подписчикам.""");
        m.put("hello", "Здравствуйте! Напишите, пожалуйста, ваш вопрос о ТОС — отвечу сразу или передам консультанту.");
        m.put("thanks", "Пожалуйста! Если появятся новые вопросы — пишите.");
        m.put("thanks-ticket-closed", "Пожалуйста! Обращение №{number} закрыто. Если появятся новые вопросы — пишите.");
        m.put("source", "_Источник: {sources}_");
        m.put("helpful-question", "Помог ли ответ?");
        m.put("helpful-yes", "Да");
        m.put("helpful-no", "Нет");
        m.put("helpful-thanks", "Спасибо, что отметили!");
        m.put("more-button", "Подробнее");
        m.put("more-none", "Это был весь ответ. Если он не помог, нажмите «Нет» под ним — передам вопрос консультанту.");
        m.put("more-nothing", "О чём рассказать подробнее? Напишите, пожалуйста, вопрос целиком.");
        m.put("suggest", "Уточните, пожалуйста, какой вопрос ближе к вашему:");
        m.put("suggest-none", "Ничего не подходит — к консультанту");
        m.put("escalated", "Передала ваш вопрос консультанту, обращение №{number}. Ответ придёт сюда же, обычно в течение {within}.");
        m.put("escalated-off-hours", "Передала ваш вопрос консультанту, обращение №{number}. Сейчас нерабочее время: "
                + "консультанты работают {hours}, ответ придёт сюда же после {opening}.");
        m.put("off-topic", "Похоже, это вопрос не о ТОС ({area}), и готового ответа у меня нет.");
        m.put("followup-joined", "Добавила это к обращению №{number}, консультант увидит.");
        m.put("withdraw-button", "Вопрос снят");
        m.put("withdrawn", "Хорошо, обращение №{number} снято, консультант не будет на него отвечать. Если появятся вопросы — пишите.");
        m.put("nothing-to-withdraw", "Сейчас у вас нет открытых обращений.");
        m.put("card-withdrawn", "Обращение №{number}: житель отозвал вопрос, обращение закрыто.");
        m.put("card-meanwhile", "Обращение №{number}: пока ждёт, житель спросил «{text}» — бот ответил статьёй «{title}».");
        m.put("already-escalated", "Ваше обращение №{number} уже у консультанта. Можете дописать подробности — я передам.");
        m.put("not-text", "Я понимаю только текст. Опишите, пожалуйста, вопрос словами.");
        m.put("not-understood", "Не разобрала вопрос. Напишите его словами, например: «как создать ТОС?»");
        m.put("too-long", "Сообщение очень длинное, я прочитала только начало.");
        m.put("unknown-command", "Такой команды нет. Справка: /help.");
        m.put("choice-out-of-range", "Такого варианта нет. Напишите {valid} или нажмите кнопку:");
        m.put("stale-choice", "Эта кнопка уже не действует. Напишите вопрос заново, пожалуйста.");
        m.put("consultant-answer", "**Ответ консультанта** (обращение №{number}):\n\n{text}");
        m.put("ticket-closed", "Обращение №{number} закрыто. Если остались вопросы — напишите, я помогу или передам консультанту.");
        m.put("ticket-closed-reason", "Консультант закрыл обращение №{number}: {reason}. Если остались вопросы — напишите, "
                + "я помогу или передам консультанту.");
        m.put("card", "**Обращение №{number}** · {channel}\n{who}\n\n{question}\n\n{guesses}");
        m.put("card-again", "⏰ Обращение №{number} ждёт ответа с {since}.");
        m.put("card-followup", "Дополнение к обращению №{number} от {who}:\n\n{text}");
        m.put("card-followups", "Дополнения ({count}) к обращению №{number} от {who}:\n\n{text}");
        m.put("card-taken", "Обращение №{number} взял(а) {consultant}.");
        m.put("card-answered", "Ответ по обращению №{number} отправлен ({consultant}).");
        m.put("card-closed", "Обращение №{number} закрыто ({consultant}).");
        m.put("card-answered-outside", "Ответ по обращению №{number} отправлен из командной строки ({consultant}):\n\n{text}");
        m.put("card-status-taken", "🙋 Взял(а): {consultant}");
        m.put("card-status-answered", "✉️ Ответ жителю отправлен");
        m.put("card-status-closed", "✅ Закрыл(а): {consultant}");
        m.put("card-status-closed-reason", "✅ Закрыл(а): {consultant} — {reason}");
        m.put("card-ask-reason", "❓ Ответа не было. Почему закрыть обращение №{number}? Выберите причину или напишите "
                + "/close {number} и причину своими словами.");
        m.put("close-reason-needed", "Обращение №{number} без ответа, поэтому нужна причина — житель её увидит. "
                + "Выберите её на карточке или напишите: /close {number} уже ответили, /close {number} не вопрос, "
                + "/close {number} повтор, или /close {number} и причину своими словами.");
        m.put("close-button-elsewhere", "Уже ответили");
        m.put("close-button-not-question", "Не вопрос");
        m.put("close-button-duplicate", "Повтор");
        m.put("close-reason-elsewhere", "на вопрос уже ответили в другом месте");
        m.put("close-reason-not-question", "в сообщении нет вопроса для консультанта");
        m.put("close-reason-duplicate", "этот вопрос уже разбирается в другом обращении");
        m.put("close-reason-withdrawn", "вопрос снят");
        m.put("close-reason-forgotten", "житель удалил свои данные");
        m.put("closed-by-resident", "житель");
        m.put("closed-automatically", "автоматически");
        m.put("card-delivery-problem", "⚠ Обращение №{number}: ответ не доставлен — {problem}.");
        m.put("review-due", "📚 Пора перепроверить ответы ({count}):\n\n{list}\n\n"
                + "Сверьте ответ с законом и источниками, исправьте при необходимости и обновите дату `reviewed` в файле. "
                + "Весь список: `kb check --due`.");
        m.put("queue-empty", "Открытых обращений нет.");
        m.put("chat-ids", "Номер этого чата: `{chat}`\nВаш номер пользователя: `{user}`\n\n"
                + "Для настройки (config/duty-desk.yml): номер группы консультантов — в telegram.consultants-chat-id, "
                + "номера консультантов — в telegram.consultants, координаторов — в telegram.coordinators.");
        m.put("chat-ids-vk", "peer\\_id этого чата: `{chat}`\nВаш id пользователя VK: `{user}`");
        m.put("not-allowed", "Эта команда доступна только консультантам.");
        m.put("not-coordinator", "Отчёты доступны только координаторам проекта — в личном чате с ботом или в чате консультантов.");
        m.put("report-failed", "Не получилось собрать отчёт. Попробуйте ещё раз позже; ошибка записана в журнал.");
        m.put("report-usage", """
                Как указать период:
                - /{command} — весь период проекта;
                - /{command} месяц — текущий месяц (или month);
                - /{command} неделя — текущая неделя (или week);
                - /{command} 2026-10 — один месяц (или октябрь, окт 2026);
                - /{command} 2026-10-05 — один день (или 05.10.2026);
                - /{command} 2026-10-01..2026-10-31 — с какого по какое число.""");
        m.put("flood-pause", "Вы пишете очень часто, я не успеваю читать. Сообщения, которые придут в ближайшие "
                + "{minutes} мин, я не прочитаю — после паузы напишите, пожалуйста, ещё раз самое важное.");
        m.put("reply-no-ticket", "Не нашла обращение, к которому относится этот ответ. Ответьте на карточку обращения "
                + "или используйте /answer N текст.");
        m.put("no-such-ticket", "Обращения №{number} нет.");
        m.put("ticket-is-closed", "Обращение №{number} уже закрыто.");
        return java.util.Collections.unmodifiableMap(m);
    }
}
