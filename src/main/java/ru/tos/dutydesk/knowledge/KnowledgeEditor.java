package ru.tos.dutydesk.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Changes knowledge files the way a careful editor would: a taught question becomes one more {@code - } line of the
 * entry's {@code questions:} and one line of its {@code taught:} record; every other line, comment and line ending
 * stays as it was. Each write goes to a hidden temporary file beside the original (the loader and the watcher skip
 * it) and is moved over it in one step, so the hot reload never reads half a file. The edited text is checked with
 * the loader's own front-matter reader before it replaces anything.
 */
public final class KnowledgeEditor {
    /** A list item line: indentation, "- ", the value. */
    private static final Pattern ITEM = Pattern.compile("^(\\s+)- ?(.*)$");
    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z_][\\w-]*):(.*)$");
    /** A value YAML reads back as the same plain text without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ,.?!()«»№%/+-]*");

    private final Path faqDir;

    public KnowledgeEditor(Path faqDir) {
        this.faqDir = faqDir;
    }

    public Path faqDir() {
        return faqDir;
    }

    /**
     * Adds {@code taught.question()} to the entry's questions and records it under {@code taught:}.
     *
     * @throws KnowledgeEditException naming the file when it cannot be edited safely (nothing is written then)
     */
    public void addVariant(Path file, TaughtVariant taught) {
        EditableFile f = EditableFile.read(file);
        List<String> lines = f.frontMatter();
        Block questions = block(file, lines, "questions")
                .orElseThrow(() -> new KnowledgeEditException(file, "it has no 'questions:' list"));
        if (questions.items().stream().anyMatch(i -> sameText(value(lines.get(i)), taught.question()))) {
            throw new KnowledgeEditException(file, "the entry already has this question");
        }
        String indent = questions.indent();
        lines.add(questions.end(), indent + "- " + yamlText(taught.question()));
        Optional<Block> record = block(file, lines, "taught");
        String item = indent + "- " + quoted(taught.format());
        if (record.isPresent()) {
            lines.add(record.get().end(), item);
        } else {
            lines.add("taught:");
            lines.add(item);
        }
        f.write(lines);
    }

    /**
     * Takes back the variant taught from case {@code caseId}: its question line and its {@code taught:} line.
     *
     * @return the variant taken back, or empty when the file records none from that case
     */
    public Optional<TaughtVariant> removeVariant(Path file, long caseId) {
        EditableFile f = EditableFile.read(file);
        List<String> lines = f.frontMatter();
        Optional<Block> record = block(file, lines, "taught");
        if (record.isEmpty()) {
            return Optional.empty();
        }
        Integer recordLine = null;
        TaughtVariant found = null;
        for (int i : record.get().items()) {
            Optional<TaughtVariant> t = TaughtVariant.parse(value(lines.get(i)));
            if (t.isPresent() && t.get().caseId() == caseId) {
                recordLine = i;
                found = t.get();
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        if (record.get().items().size() == 1) {
            lines.remove((int) recordLine);
            lines.remove(record.get().keyLine());
        } else {
            lines.remove((int) recordLine);
        }
        Optional<Block> questions = block(file, lines, "questions");
        if (questions.isPresent()) {
            for (int i : questions.get().items()) {
                if (sameText(value(lines.get(i)), found.question())) {
                    lines.remove(i);
                    break;
                }
            }
        }
        f.write(lines);
        return Optional.of(found);
    }

    /** The variants the file records as taught, in the file's order. */
    public List<TaughtVariant> taught(Path file) {
        EditableFile f = EditableFile.read(file);
        List<String> lines = f.frontMatter();
        List<TaughtVariant> out = new ArrayList<>();
        block(file, lines, "taught").ifPresent(b -> b.items().forEach(i ->
                TaughtVariant.parse(value(lines.get(i))).ifPresent(out::add)));
        return out;
    }

    /**
     * Writes a draft entry into {@code faq/_drafts/}: the residents' questions and the consultant's answers, with an
     * empty sources list that {@code kb check} would refuse, so nobody can take it for a finished entry.
     *
     * @return the file written
     */
    public Path writeDraft(String id, List<String> questions, List<String> answers, String by, LocalDate date) {
        Path dir = faqDir.resolve(KnowledgeLoader.DRAFTS_DIR);
        Path file = dir.resolve(id + ".md");
        StringBuilder sb = new StringBuilder("---\n");
        sb.append("id: ").append(id).append('\n');
        sb.append("title: ").append(quoted("Черновик: " + KnowledgeText.oneLine(questions.get(0)))).append('\n');
        sb.append("questions:\n");
        for (String q : questions) {
            sb.append("  - ").append(yamlText(KnowledgeText.oneLine(q))).append('\n');
        }
        sb.append("tags: []\n");
        sb.append("# Допишите источники (закон, статья), поправьте ответ и перенесите файл из _drafts в папку темы.\n");
        sb.append("sources: []\n");
        sb.append("reviewed: ").append(date).append('\n');
        sb.append("---\n");
        sb.append("<!-- черновик: ").append(by.replace("--", "-")).append(", ").append(date)
                .append(". Ниже ответы консультантов на эти вопросы. -->\n\n");
        for (String a : answers) {
            sb.append(a.strip()).append("\n\n");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KnowledgeEditException(dir, "cannot create the drafts folder: " + e.getMessage());
        }
        if (Files.exists(file)) {
            throw new KnowledgeEditException(file, "a draft with this name already exists");
        }
        atomicWrite(file, sb.toString());
        return file;
    }

    /** The draft files waiting in faq/_drafts, by name. */
    public List<Path> drafts() {
        Path dir = faqDir.resolve(KnowledgeLoader.DRAFTS_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new KnowledgeEditException(dir, "cannot list the drafts: " + e.getMessage());
        }
    }

    static void atomicWrite(Path file, String text) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the write failed already; that is the problem to report
            }
            throw new KnowledgeEditException(file, "cannot write: " + e.getMessage());
        }
    }

    /**
     * A top-level key of the front matter written as a block list ({@code key:} then {@code - } lines).
     *
     * @param keyLine index of the key's line
     * @param items   indexes of its one-line items
     * @param end     where a new item goes: after its last item (or right after the key)
     */
    private record Block(int keyLine, List<Integer> items, int end, String indent) {
    }

    private static Optional<Block> block(Path file, List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            java.util.regex.Matcher m = TOP_KEY.matcher(lines.get(i));
            if (!m.matches() || !m.group(1).equals(key)) {
                continue;
            }
            String after = m.group(2).strip();
            if (!after.isEmpty() && !after.startsWith("#")) {
                throw new KnowledgeEditException(file, "'" + key + ":' is written on one line ([a, b]); "
                        + "teaching needs one \"- \" line per item");
            }
            List<Integer> items = new ArrayList<>();
            int end = i + 1;
            String indent = "  ";
            for (int j = i + 1; j < lines.size(); j++) {
                String line = lines.get(j);
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (!Character.isWhitespace(line.charAt(0))) {
                    break; // the next key
                }
                java.util.regex.Matcher item = ITEM.matcher(line);
                if (!item.matches()) {
                    throw new KnowledgeEditException(file, "an item of '" + key + "' runs over several lines; "
                            + "teaching needs one line per item");
                }
                if (items.isEmpty()) {
                    indent = item.group(1);
                }
                items.add(j);
                end = j + 1;
            }
            return Optional.of(new Block(i, items, end, indent));
        }
        return Optional.empty();
    }

    /** The text of a list item line, unquoted as YAML reads it. */
    private static String value(String itemLine) {
        java.util.regex.Matcher m = ITEM.matcher(itemLine);
        String v = m.matches() ? m.group(2).strip() : itemLine.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        int comment = v.indexOf(" #");
        return comment < 0 ? v : v.substring(0, comment).strip();
    }

    private static boolean sameText(String a, String b) {
        return KnowledgeText.oneLine(a).toLowerCase(Locale.ROOT).equals(KnowledgeText.oneLine(b).toLowerCase(Locale.ROOT));
    }

    /** Plain when YAML reads it back unchanged, else double-quoted. */
    static String yamlText(String text) {
        return PLAIN.matcher(text).matches() && !text.endsWith(" -") ? text : quoted(text);
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A knowledge file split into its front-matter lines and the rest, kept byte for byte. */
    private record EditableFile(Path file, String bom, String newline, List<String> head, String rest) {
        static EditableFile read(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new KnowledgeEditException(file, "cannot read: " + e.getMessage());
            }
            String bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
            text = text.substring(bom.length());
            String newline = text.contains("\r\n") ? "\r\n" : "\n";
            String[] lines = text.split("\r?\n", -1);
            if (lines.length == 0 || !lines[0].stripTrailing().equals("---")) {
                throw new KnowledgeEditException(file, "it does not start with a --- line");
            }
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].stripTrailing().equals("---")) {
                    List<String> head = new ArrayList<>(List.of(lines).subList(1, i));
                    String rest = String.join(newline, List.of(lines).subList(i, lines.length));
                    return new EditableFile(file, bom, newline, head, rest);
                }
            }
            throw new KnowledgeEditException(file, "its front matter is never closed by a --- line");
        }

        List<String> frontMatter() {
            return head;
        }

        /** Checks the edited front matter as the loader would, then replaces the file in one step. */
        void write(List<String> lines) {
            String text = bom + "---" + newline + String.join(newline, lines) + newline + rest;
            List<KnowledgeException> problems = new ArrayList<>();
            SplitFile.split(file, text, problems).flatMap(s -> new FrontMatterReader().read(file, s, problems));
            if (!problems.isEmpty()) {
                throw new KnowledgeEditException(file, "the edit would break the file: " + problems.get(0).getMessage());
            }
            atomicWrite(file, text);
        }
    }
}
