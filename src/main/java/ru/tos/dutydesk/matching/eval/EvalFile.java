package ru.tos.dutydesk.matching.eval;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an evaluation set: UTF-8 lines {@code question<TAB>expected[<TAB>anything]}, where expected is an entry
 * or intent id, or {@code -} for a question that must go to a person. Blank lines and {@code #} comments are
 * skipped, and so is a header line starting with {@code question}. Every bad line is reported, with its number.
 */
public final class EvalFile {
    private EvalFile() {
    }

    public static List<EvalRow> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new EvalFileException(file + ": file not found");
        } catch (CharacterCodingException e) {
            throw new EvalFileException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new EvalFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    static List<EvalRow> parse(String name, List<String> lines) {
        List<EvalRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            boolean header = first && line.strip().toLowerCase(java.util.Locale.ROOT).startsWith("question");
            first = false;
            if (header) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            int number = i + 1;
            if (cells.length < 2) {
                problems.add(name + ":" + number + ": expected 'question<TAB>expected id', found no tab");
            } else if (cells[0].isBlank()) {
                problems.add(name + ":" + number + ": the question is empty");
            } else if (cells[1].isBlank()) {
                problems.add(name + ":" + number + ": the expected id is empty (use - for a question a person must answer)");
            } else if (cells[1].strip().contains(" ")) {
                problems.add(name + ":" + number + ": '" + cells[1].strip() + "' is not an id");
            } else {
                rows.add(new EvalRow(cells[0].strip(), cells[1].strip()));
            }
        }
        if (!problems.isEmpty()) {
            throw new EvalFileException(String.join("\n", problems));
        }
        if (rows.isEmpty()) {
            throw new EvalFileException(name + ": no questions in the file");
        }
        return List.copyOf(rows);
    }
}
