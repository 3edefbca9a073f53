package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SynonymsParserTest {
    private static final Path FILE = Path.of("faq", "synonyms.txt");
    private final SynonymsParser parser = new SynonymsParser();
    private final List<KnowledgeException> problems = new ArrayList<>();

    @Test
    void groupsAreReadLowerCasedWithCommentsAndBlankLinesSkipped() {
        Synonyms s = parser.parse(FILE, """
                # equivalences for the matcher

                ТОС, Территориальное  общественное самоуправление
                юрлицо,юридическое лицо   # short form people type
                ОМСУ , администрация, органы местного самоуправления
                """, problems);

        assertThat(problems).isEmpty();
        assertThat(s.groups()).containsExactly(
                List.of("тос", "территориальное общественное самоуправление"),
                List.of("юрлицо", "юридическое лицо"),
                List.of("омсу", "администрация", "органы местного самоуправления"));
    }

    @Test
    void yoIsLeftForTheMatcher() {
        Synonyms s = parser.parse(FILE, "Счёт, расчётный счет\n", problems);
        assertThat(s.groups()).containsExactly(List.of("счёт", "расчётный счет"));
    }

    @Test
    void badGroupsAreErrorsNamingTheirLine() {
        Synonyms s = parser.parse(FILE, """
                тос, территориальное общественное самоуправление
                фпг
                # fine
                нко,,некоммерческая организация
                мсу, омсу,
                грант, Грант
                """, problems);

        assertThat(problems).extracting(KnowledgeException::line).containsExactly(2, 4, 5, 6);
        assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo(FILE));
        assertThat(problems.get(0).getMessage()).contains("at least two");
        assertThat(problems.get(1).getMessage()).contains("empty term");
        assertThat(problems.get(3).getMessage()).contains("at least two different terms");
        assertThat(s.groups()).hasSize(1);
    }

    @Test
    void missingFileMeansNoSynonyms() {
        assertThat(parser.parse(Path.of("does", "not", "exist.txt")).groups()).isEmpty();
    }
}
