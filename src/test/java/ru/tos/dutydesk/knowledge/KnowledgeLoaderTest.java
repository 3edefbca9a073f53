package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KnowledgeLoaderTest {
    static final Map<String, String> PLACEHOLDERS = Map.of(
            "association.phone", "+7 (900) 123-45-67",
            "association.name", "Ассоциация ТОС");

    @TempDir
    Path faq;

    private KnowledgeLoader loader = new KnowledgeLoader();

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
    void offTopicAreasAreReadAndTheirMistakesListedWithTheOthers() throws IOException {
        write("basics/tos-a.md", valid("tos-a"));
        write("off-topic.txt", "## garden: СНТ\nкак вступить в снт\n");
        assertThat(loader.load(faq, PLACEHOLDERS).offTopic()).containsExactly(
                new OffTopicArea("garden", "СНТ", List.of("как вступить в снт")));

        Path off = write("off-topic.txt", "## garden: СНТ\n## tos-a: тоже\nвопрос\n");
        assertThat(problemsOf().getMessage().lines().toList()).containsExactly(
                off + ":1: area 'garden' has no example questions",
                off + ":2: area 'tos-a' has the id of a knowledge entry");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = write("a/tos-law.md", "  \n\n");
        assertSingleProblem(f, 0, "empty file");
    }

    /** One edit of a valid entry, and the one problem it must give: at this file line, with these words. */
    static Stream<Arguments> editsThatBreakAnEntry() {
        String answer = "ТОС регулирует статья 27 закона № 131-ФЗ. Звоните: {{association.phone}}.\n\n"
                + "Подробности — у {{ association.name }}.\n";
        String sources = "sources:\n  - Федеральный закон от 06.10.2003 № 131-ФЗ, ст. 27\n";
        return Stream.of(
                edit("no opening fence", "---\nid: tos-law", "id: tos-law", 1, "must start with a --- line"),
                edit("no closing fence", "2026-11-25\n---\n", "2026-11-25\n", 1, "never closed"),
                edit("malformed YAML, at its line in the file", "title: Какой закон", "title: Вопрос: какой закон", 3,
                        "malformed YAML"),
                edit("tab indentation, at the tab line", "  - где в законе", "\t- где в законе", 6, "malformed YAML"),
                // the parser notices at the next key and names the line where the list began
                edit("unclosed flow list, with its start", "tags: [закон, тос]", "tags: [закон, тос", 8, "at line 7"),
                edit("unknown field, at its key", "reviewed:", "autor: Иванов\nreviewed:", 10, "unknown field 'autor'"),
                edit("field given twice", "reviewed:", "title: Ещё заголовок\nreviewed:", 10,
                        "'title' is given twice (first at line 3)"),
                edit("missing id, at the opening fence", "id: tos-law\n", "", 1, "missing field 'id'"),
                edit("empty title", "title: Какой закон регулирует ТОС", "title: \"  \"", 3, "'title' is empty"),
                edit("empty questions", "questions:\n  - какой закон про тос\n  - где в законе написано про тос\n",
                        "questions: []\n", 4, "'questions' is empty"),
                edit("missing sources", sources, "", 1, "missing field 'sources'"),
                edit("sources key with nothing after it", sources, "sources:\n", 8, "'sources' is empty"),
                edit("empty answer, at the closing fence", answer, "\n   \n", 11, "no answer"),
                edit("id not matching the file name", "id: tos-law", "id: tos-laws", 2, "the file must be named tos-laws.md"),
                edit("tags that are not a list", "tags: [закон, тос]", "tags: закон, тос", 7, "'tags' must be a list of strings"),
                edit("a question that is a mapping, at its item", "  - где в законе написано про тос",
                        "  - вопрос: где в законе написано про тос", 6, "'questions' must be a list of strings"),
                edit("reviewed that is not a date", "reviewed: 2026-11-25", "reviewed: 25.11.2026", 10, "must be a date"),
                edit("reviewed that is an impossible date", "reviewed: 2026-11-25", "reviewed: 2026-02-30", 10, "must be a date"),
                edit("unknown placeholder in the body, at its line", "{{ association.name }}", "{{association.adres}}", 14,
                        "unknown placeholder {{association.adres}}; known: association.name, association.phone"),
                edit("unknown placeholder in the title", "title: Какой закон регулирует ТОС", "title: Какой закон {{desk.hours}}", 3,
                        "unknown placeholder {{desk.hours}}"),
                edit("unclosed placeholder", "{{ association.name }}", "{{association.name", 14, "a {{ without a matching }}"));
    }

    private static Arguments edit(String what, String from, String to, int line, String words) {
        return Arguments.of(what, from, to, line, words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("editsThatBreakAnEntry")
    void anEditThatBreaksAnEntryGivesOneProblemAtItsLine(String what, String from, String to, int line, String words)
            throws IOException {
        String text = valid("tos-law");
        assertThat(text).as("the edit applies to the valid entry").contains(from);
        Path f = write("a/tos-law.md", text.replace(from, to));
        assertSingleProblem(f, line, words);
    }

    @Test
    void badIdIsReportedAtTheIdLine() throws IOException {
        Path f = write("a/Tos_Law.md", valid("Tos_Law"));
        assertSingleProblem(f, 2, "id 'Tos_Law' must be lower-case");
    }

    @Test
    void anIdTooLongForAButtonIsReportedAtTheIdLine() throws IOException {
        String id = "a".repeat(20) + "-" + "b".repeat(20);
        Path f = write("a/" + id + ".md", valid(id));
        assertSingleProblem(f, 2, "id '" + id + "' is 41 characters long; at most 40");
    }

    @Test
    void duplicateIdNamesBothFiles() throws IOException {
        Path first = write("basics/tos-law.md", valid("tos-law"));
        Path second = write("legal/tos-law.md", valid("tos-law"));
        assertSingleProblem(second, 2, "duplicate id 'tos-law', already used by "
                + Path.of("basics", "tos-law.md") + " in the knowledge folder");
        assertThat(problemsOf().getMessage()).as("the other file is named relative to the knowledge folder")
                .doesNotContain(first.toString());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsReadAndNamedWithItsSize() throws IOException {
        write("a/tos-law.md", valid("tos-law"));
        Path big = write("a/huge.md", valid("huge") + "очень длинный текст ".repeat(90_000)); // about 3 MB
        assertThat(Files.size(big)).isGreaterThan(KnowledgeLoader.DEFAULT_MAX_FILE_BYTES);

        assertSingleProblem(big, 0, "more than the 2.0 MB a knowledge file may have");
        assertThat(problemsOf().getMessage()).contains("desk.knowledge-file-limit-kb").contains("split it");
        assertThat(new KnowledgeLoader(4L * 1024 * 1024).load(faq, PLACEHOLDERS).entry("huge"))
                .as("a raised limit takes it").isPresent();
    }

    @Test
    void theSizeLimitCoversTheSynonymsFileToo() throws IOException {
        write("a/tos-law.md", valid("tos-law"));
        loader = new KnowledgeLoader(1024);
        Path synonyms = write("synonyms.txt", "тос = территориальное общественное самоуправление\n".repeat(40));
        assertSingleProblem(synonyms, 0, "a knowledge file may have");
    }

    @Test
    void knownPlaceholderInTheTitleIsFilled() throws IOException {
        write("a/tos-law.md", valid("tos-law").replace("title: Какой закон регулирует ТОС", "title: '{{association.name}}: какой закон регулирует ТОС'"));
        assertThat(loader.load(faq, PLACEHOLDERS).entry("tos-law").orElseThrow().title())
                .isEqualTo("Ассоциация ТОС: какой закон регулирует ТОС");
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
