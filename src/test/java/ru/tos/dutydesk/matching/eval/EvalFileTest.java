package ru.tos.dutydesk.matching.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalFileTest {
    @TempDir
    Path dir;

    @Test
    void readsRowsSkippingTheHeaderAndExtraColumns() throws Exception {
        Path f = dir.resolve("set.tsv");
        Files.writeString(f, "question\texpected\torigin\nчто такое тос\ttos-what-is\twritten\n\nпродам гараж\t-\n");
        assertThat(EvalFile.read(f)).containsExactly(
                new EvalRow("что такое тос", "tos-what-is"), new EvalRow("продам гараж", "-"));
        assertThat(EvalFile.read(f).get(1).answerable()).isFalse();
    }

    @Test
    void reportsEveryBadLineWithItsNumber() throws Exception {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "question\texpected\nбез табуляции\n\ttos-law\nвопрос\t\nхороший вопрос\ttos-law\n");
        assertThatThrownBy(() -> EvalFile.read(f))
                .isInstanceOf(EvalFileException.class)
                .hasMessageContaining("bad.tsv:2: ")
                .hasMessageContaining("bad.tsv:3: the question is empty")
                .hasMessageContaining("bad.tsv:4: the expected id is empty");
    }

    @Test
    void aMissingOrEmptyFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> EvalFile.read(dir.resolve("nope.tsv"))).hasMessageContaining("file not found");
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "question\texpected\n");
        assertThatThrownBy(() -> EvalFile.read(empty)).hasMessageContaining("no questions");
    }
}
