package ru.tos.dutydesk.matching;

import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.OffTopicArea;
import ru.tos.dutydesk.knowledge.Synonyms;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** A handful of entries written for the matching tests. */
final class SmallKnowledge {
    static final Synonyms SYNONYMS = new Synonyms(List.of(
            List.of("юрлицо", "юридическое лицо"),
            List.of("фпг", "фонд президентских грантов")));

    private SmallKnowledge() {
    }

    static KnowledgeBase withSynonyms() {
        return new KnowledgeBase(entries(), SYNONYMS);
    }

    /** With an off-topic area that shares words ("устав", "собрание") with the entries. */
    static KnowledgeBase withOffTopicArea() {
        return new KnowledgeBase(entries(), SYNONYMS, List.of(new OffTopicArea("garden", "СНТ и садоводство",
                List.of("устав садоводческого товарищества", "общее собрание членов снт", "как вступить в снт",
                        "членские взносы в снт"))));
    }

    static KnowledgeBase withoutSynonyms() {
        return new KnowledgeBase(entries(), Synonyms.none());
    }

    private static List<Entry> entries() {
        return List.of(
                entry("charter", "Что должно быть в уставе ТОС",
                        List.of("устав тос: обязательные пункты", "из чего состоит устав", "какие разделы нужны в устав"),
                        List.of("устав"),
                        "В уставе указывают территорию, цели, порядок выборов органов и срок их полномочий."),
                entry("legal-entity", "Нужно ли регистрировать ТОС как юридическое лицо",
                        List.of("обязательно ли тосу становиться юридическим лицом", "плюсы и минусы регистрации в минюсте"),
                        List.of("регистрация"),
                        "Нет, ТОС может работать без статуса юридического лица; регистрация нужна для своего счёта."),
                entry("grants", "Где взять грант на проект ТОС",
                        List.of("какие конкурсы есть для тос", "можно ли подать заявку в фпг", "как получить субсидию на благоустройство"),
                        List.of("грант", "конкурс"),
                        "Гранты дают региональные конкурсы и фонды; заявку готовят заранее."),
                entry("meeting", "Как провести собрание жителей",
                        List.of("какой нужен кворум на собрании", "сколько людей должно прийти на собрание"),
                        List.of("собрание", "кворум"),
                        "Собрание правомочно, если пришла не менее трети жителей территории."),
                entry("contacts", "Как связаться с консультантом",
                        List.of("телефон ассоциации", "куда писать вопросы консультанту"),
                        List.of("контакты"),
                        "Пишите в этот чат в рабочие часы или звоните по телефону ассоциации."));
    }

    static Entry entry(String id, String title, List<String> questions, List<String> tags, String body) {
        return new Entry(id, title, questions, tags, List.of("Федеральный закон № 131-ФЗ, ст. 27"),
                LocalDate.of(2026, 11, 20), body, Path.of("faq", id + ".md"));
    }
}
