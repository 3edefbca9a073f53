package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OffTopicParserTest {
    private static final Path FILE = Path.of("faq", "off-topic.txt");
    private final OffTopicParser parser = new OffTopicParser();
    private final List<KnowledgeException> problems = new ArrayList<>();

    @Test
    void areasAreReadWithTheirQuestionsSkippingCommentsAndBlankLines() {
        List<OffTopicArea> areas = parser.parse(FILE, """
                # вопросы не о ТОС

                ## garden: СНТ и садоводство
                как вступить в снт
                  устав снт где взять\s

                ## housing : ЖКХ и управляющие компании
                # про УК
                как сменить управляющую компанию
                """, Set.of(), problems);

        assertThat(problems).isEmpty();
        assertThat(areas).containsExactly(
                new OffTopicArea("garden", "СНТ и садоводство", List.of("как вступить в снт", "устав снт где взять")),
                new OffTopicArea("housing", "ЖКХ и управляющие компании", List.of("как сменить управляющую компанию")));
    }

    @Test
    void mistakesAreErrorsNamingTheirLine() {
        List<OffTopicArea> areas = parser.parse(FILE, """
                вопрос до заголовка
                ## Garden: СНТ
                как вступить в снт
                ## housing: ЖКХ
                ## roads: дороги
                когда отремонтируют дорогу
                ## roads: ещё дороги
                яма во дворе
                ## tos-law: законы
                какой закон о снт
                """, Set.of("tos-law"), problems);

        assertThat(problems).extracting(KnowledgeException::line).containsExactly(1, 2, 4, 7, 9);
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo(FILE));
        assertThat(problems.get(0).getMessage()).contains("before any '## id: title'");
        assertThat(problems.get(1).getMessage()).contains("'## id: title'");
        assertThat(problems.get(2).getMessage()).contains("'housing' has no example questions");
        assertThat(problems.get(3).getMessage()).contains("duplicate area 'roads'");
        assertThat(problems.get(4).getMessage()).contains("'tos-law' has the id of a knowledge entry");
        assertThat(areas).extracting(OffTopicArea::id).containsExactly("roads");
    }
}
