package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KnowledgeLoaderTest {
    static final Map<String, String> PLACEHOLDERS = Map.of(
            "association.phone", "+7 (900) 123-45-67",
            "association.name", "Ассоциация ТОС");

    @TempDir
    Path faq;

    private final KnowledgeLoader loader = new KnowledgeLoader();

    /** A valid entry; line numbers in the comments are file lines. */
    static String valid(String id) {
        return """
                ---
                id: %s
                title: Какой закон регулирует ТОС
                questions:
                  - какой закон про тос
                  - где в законе написано про тос
                tags: [закон, тос]
                sources:
                  - Федеральный закон от 06.10.2003 № 131-ФЗ, ст. 27
                reviewed: 2026-11-25
                ---
                ТОС регулирует статья 27 закона № 131-ФЗ. Звоните: {{association.phone}}.

                Подробности — у {{ association.name }}.
                """.formatted(id);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = faq.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private KnowledgeProblems problemsOf() {
        return assertThrows(KnowledgeProblems.class, () -> loader.load(faq, PLACEHOLDERS));
    }

    /** Asserts that loading fails with exactly one problem, at this file and line, whose text contains {@code words}. */
    private void assertSingleProblem(Path file, int line, String words) {
        KnowledgeProblems e = problemsOf();
        assertThat(e.problems()).as(e.getMessage()).hasSize(1);
        KnowledgeException p = e.problems().get(0);
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.line()).as(p.getMessage()).isEqualTo(line);
        assertThat(p.getMessage()).contains(words);
    }

    @Test
    void goodEntryLoadsWithPlaceholdersFilled() throws IOException {
        Path file = write("basics/tos-law.md", valid("tos-law"));

        KnowledgeBase kb = loader.load(faq, PLACEHOLDERS);

        assertThat(kb.size()).isEqualTo(1);
        Entry e = kb.entry("tos-law").orElseThrow();
        assertThat(e.title()).isEqualTo("Какой закон регулирует ТОС");
        assertThat(e.questions()).containsExactly("какой закон про тос", "где в законе написано про тос");
        assertThat(e.tags()).containsExactly("закон", "тос");
        assertThat(e.sources()).containsExactly("Федеральный закон от 06.10.2003 № 131-ФЗ, ст. 27");
        assertThat(e.reviewed()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(e.body()).isEqualTo("ТОС регулирует статья 27 закона № 131-ФЗ. Звоните: +7 (900) 123-45-67.\n\n"
                + "Подробности — у Ассоциация ТОС.");
        assertThat(e.firstParagraph()).endsWith("+7 (900) 123-45-67.");
        assertThat(e.file()).isEqualTo(file);
        assertThat(kb.synonyms().groups()).isEmpty();
    }

    @Test
    void placeholderValueWithDollarAndBackslashIsInsertedLiterally() throws IOException {
        write("a/tos-law.md", valid("tos-law"));
        KnowledgeBase kb = loader.load(faq, Map.of("association.phone", "$1 \\n", "association.name", "x"));
        assertThat(kb.entry("tos-law").orElseThrow().body()).contains("Звоните: $1 \\n.");
    }

    @Test
    void windowsLineEndingsAndByteOrderMarkAreAccepted() throws IOException {
        write("a/tos-law.md", "\uFEFF" + valid("tos-law").replace("\n", "\r\n"));
        Entry e = loader.load(faq, PLACEHOLDERS).entry("tos-law").orElseThrow();
        assertThat(e.title()).isEqualTo("Какой закон регулирует ТОС");
        assertThat(e.body()).doesNotContain("\r").contains("\n\nПодробности");
    }

    @Test
    void entriesAreLoadedInPathOrderAndSynonymsAreRead() throws IOException {
        write("money/money-b.md", valid("money-b"));
        write("basics/tos-a.md", valid("tos-a"));
        write("basics/tos-c.md", valid("tos-c"));
        write("synonyms.txt", "тос, территориальное общественное самоуправление\n");

        KnowledgeBase kb = loader.load(faq, PLACEHOLDERS);

        assertThat(kb.entries()).extracting(Entry::id).containsExactly("tos-a", "tos-c", "money-b");
        assertThat(kb.synonyms().groups()).containsExactly(List.of("тос", "территориальное общественное самоуправление"));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = write("a/tos-law.md", "  \n\n");
        assertSingleProblem(f, 0, "empty file");
    }

    @Test
    void noOpeningFence() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").substring(4));
        assertSingleProblem(f, 1, "must start with a --- line");
    }

    @Test
    void noClosingFence() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("2026-11-25\n---\n", "2026-11-25\n"));
        assertSingleProblem(f, 1, "never closed");
    }

    @Test
    void malformedYamlIsReportedAtItsLineInTheFile() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("title: Какой закон", "title: Вопрос: какой закон"));
        assertSingleProblem(f, 3, "malformed YAML");
    }

    @Test
    void tabIndentationIsReportedAtTheTabLine() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("  - где в законе", "\t- где в законе"));
        assertSingleProblem(f, 6, "malformed YAML");
    }

    @Test
    void unclosedFlowListIsReportedWithItsStart() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("tags: [закон, тос]", "tags: [закон, тос"));
        KnowledgeProblems e = problemsOf();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).file()).isEqualTo(f);
        // The parser notices at the next key (line 8) and names where the list began (line 7).
        assertThat(e.problems().get(0).line()).isEqualTo(8);
        assertThat(e.problems().get(0).getMessage()).contains("at line 7");
    }

    @Test
    void unknownFieldIsReportedAtItsKey() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("reviewed:", "autor: Иванов\nreviewed:"));
        assertSingleProblem(f, 10, "unknown field 'autor'");
    }

    @Test
    void fieldGivenTwice() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("reviewed:", "title: Ещё заголовок\nreviewed:"));
        assertSingleProblem(f, 10, "'title' is given twice (first at line 3)");
    }

    @Test
    void missingIdIsReportedAtTheOpeningFence() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("id: tos-law\n", ""));
        assertSingleProblem(f, 1, "missing field 'id'");
    }

    @Test
    void emptyTitle() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("title: Какой закон регулирует ТОС", "title: \"  \""));
        assertSingleProblem(f, 3, "'title' is empty");
    }

    @Test
    void emptyQuestions() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law")
                .replace("questions:\n  - какой закон про тос\n  - где в законе написано про тос\n", "questions: []\n"));
        assertSingleProblem(f, 4, "'questions' is empty");
    }

    @Test
    void missingSources() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law")
                .replace("sources:\n  - Федеральный закон от 06.10.2003 № 131-ФЗ, ст. 27\n", ""));
        assertSingleProblem(f, 1, "missing field 'sources'");
    }

    @Test
    void sourcesKeyWithNothingAfterIt() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law")
                .replace("sources:\n  - Федеральный закон от 06.10.2003 № 131-ФЗ, ст. 27\n", "sources:\n"));
        assertSingleProblem(f, 8, "'sources' is empty");
    }

    @Test
    void emptyAnswerIsReportedAtTheClosingFence() throws IOException {
        String text = valid("tos-law");
        Path f = write("a/tos-law.md", text.substring(0, text.indexOf("ТОС регулирует")) + "\n   \n");
        assertSingleProblem(f, 11, "no answer");
    }

    @Test
    void badIdIsReportedAtTheIdLine() throws IOException {
        Path f = write("a/Tos_Law.md", valid("Tos_Law"));
        assertSingleProblem(f, 2, "id 'Tos_Law' must be lower-case");
    }

    @Test
    void idNotMatchingFileName() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-laws"));
        assertSingleProblem(f, 2, "the file must be named tos-laws.md");
    }

    @Test
    void duplicateIdNamesBothFiles() throws IOException {
        Path first = write("basics/tos-law.md", valid("tos-law"));
        Path second = write("legal/tos-law.md", valid("tos-law"));
        assertSingleProblem(second, 2, "duplicate id 'tos-law', already used by " + first);
    }

    @Test
    void tagsThatAreNotAList() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("tags: [закон, тос]", "tags: закон, тос"));
        assertSingleProblem(f, 7, "'tags' must be a list of strings");
    }

    @Test
    void questionThatIsAMappingIsReportedAtItsItem() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law")
                .replace("  - где в законе написано про тос", "  - вопрос: где в законе написано про тос"));
        assertSingleProblem(f, 6, "'questions' must be a list of strings");
    }

    @Test
    void reviewedThatIsNotADate() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("reviewed: 2026-11-25", "reviewed: 25.11.2026"));
        assertSingleProblem(f, 10, "must be a date");
    }

    @Test
    void reviewedThatIsAnImpossibleDate() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("reviewed: 2026-11-25", "reviewed: 2026-02-30"));
        assertSingleProblem(f, 10, "must be a date");
    }

    @Test
    void unknownPlaceholderInTheBodyIsReportedAtItsLine() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("{{ association.name }}", "{{association.adres}}"));
        assertSingleProblem(f, 14, "unknown placeholder {{association.adres}}; known: association.name, association.phone");
    }

    @Test
    void unknownPlaceholderInTheTitle() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("title: Какой закон регулирует ТОС", "title: Какой закон {{desk.hours}}"));
        assertSingleProblem(f, 3, "unknown placeholder {{desk.hours}}");
    }

    @Test
    void knownPlaceholderInTheTitleIsFilled() throws IOException {
        write("a/tos-law.md", valid("tos-law").replace("title: Какой закон регулирует ТОС", "title: '{{association.name}}: какой закон регулирует ТОС'"));
        assertThat(loader.load(faq, PLACEHOLDERS).entry("tos-law").orElseThrow().title())
                .isEqualTo("Ассоциация ТОС: какой закон регулирует ТОС");
    }

    @Test
    void unclosedPlaceholder() throws IOException {
        Path f = write("a/tos-law.md", valid("tos-law").replace("{{ association.name }}", "{{association.name"));
        assertSingleProblem(f, 14, "a {{ without a matching }}");
    }

    @Test
    void fileThatIsNotUtf8() throws IOException {
        Path f = faq.resolve("a/tos-law.md");
        Files.createDirectories(f.getParent());
        Files.write(f, valid("tos-law").getBytes(java.nio.charset.Charset.forName("windows-1251")));
        assertSingleProblem(f, 0, "not valid UTF-8");
    }

    @Test
    void missingDirectoryAndEmptyDirectoryAreErrors() throws IOException {
        Path missing = faq.resolve("nope");
        KnowledgeProblems e = assertThrows(KnowledgeProblems.class, () -> loader.load(missing, PLACEHOLDERS));
        assertThat(e.getMessage()).isEqualTo(missing + ": no such directory");

        assertSingleProblem(faq, 0, "no knowledge files");
    }

    @Test
    void hiddenEditorFilesAreIgnored() throws IOException {
        write("a/tos-law.md", valid("tos-law"));
        write("a/.#tos-law.md", "half-written junk");
        assertThat(loader.load(faq, PLACEHOLDERS).size()).isEqualTo(1);
    }

    @Test
    void severalProblemsInOneFileAreAllReportedInLineOrder() throws IOException {
        Path f = write("a/tos-law.md", valid("Tos-Law")
                .replace("tags: [закон, тос]", "tags: закон")
                .replace("reviewed: 2026-11-25", "reviewed: вчера\nextra: 1")
                .replace("{{ association.name }}", "{{nobody}}"));
        KnowledgeProblems e = problemsOf();
        assertThat(e.problems()).extracting(KnowledgeException::line).containsExactly(2, 7, 10, 11, 15);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(f));
    }

    @Test
    void problemsInSeveralFilesAreAllListedOnePerLine() throws IOException {
        Path a = write("basics/tos-a.md", valid("tos-a").replace("title: Какой закон регулирует ТОС\n", ""));
        write("basics/tos-b.md", valid("tos-b"));
        Path c = write("money/money-c.md", "");
        Path d = write("money/money-d.md", valid("money-x"));
        Path syn = write("synonyms.txt", "тос\n");

        KnowledgeProblems e = problemsOf();

        assertThat(e.getMessage().lines().toList()).containsExactly(
                a + ":1: missing field 'title'",
                c + ": empty file: expected a front matter block between --- lines, then the answer",
                d + ":2: id 'money-x' does not match the file name; the file must be named money-x.md",
                syn + ":1: a group needs at least two different terms separated by commas");
        assertThat(e).isInstanceOf(KnowledgeException.class);
        assertThat(e.file()).isEqualTo(a);
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void loadingTheSameDirectoryTwiceGivesTheSameEntries() throws IOException {
        for (String id : List.of("tos-d", "tos-a", "tos-c", "tos-b")) {
            write("x/" + id + ".md", valid(id));
        }
        assertThat(loader.load(faq, PLACEHOLDERS).entries())
                .isEqualTo(loader.load(faq, PLACEHOLDERS).entries());
    }

    @Test
    void synonymsParserAloneThrowsWithAllBadLines() throws IOException {
        Path syn = write("synonyms.txt", "a, b\nc\nd,,e\n");
        assertThatThrownBy(() -> new SynonymsParser().parse(syn))
                .isInstanceOf(KnowledgeProblems.class)
                .hasMessage(syn + ":2: a group needs at least two different terms separated by commas\n"
                        + syn + ":3: empty term (two commas in a row, or a comma at an end)");
        assertThat(new String(Files.readAllBytes(syn), StandardCharsets.UTF_8)).startsWith("a, b");
    }
}
