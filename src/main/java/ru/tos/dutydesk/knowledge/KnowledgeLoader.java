package ru.tos.dutydesk.knowledge;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every {@code faq/**}{@code /*.md}, {@code faq/synonyms.txt}, {@code faq/off-topic.txt}, the law registry
 * {@code faq/laws.yml} and the source rules {@code faq/sources.yml} into a
 * {@link KnowledgeBase}. Nothing is half-loaded: any problem in any file fails the whole load with a
 * {@link KnowledgeProblems} listing all of them.
 */
public final class KnowledgeLoader {
    static final String SYNONYMS_FILE = "synonyms.txt";
    static final String OFF_TOPIC_FILE = "off-topic.txt";
    static final String LAWS_FILE = "laws.yml";
    static final String SOURCES_FILE = "sources.yml";
    /** Draft entries written from the consultants' chat: not loaded until someone completes them and moves them out. */
    public static final String DRAFTS_DIR = "_drafts";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** As {@code ChoiceData} accepts an entry id back from a button. */
    static final int MAX_ID = 40;

    /** A knowledge file above this is refused before it is read: a stray 150 MB file must not take the memory. */
    public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;

    private final long maxFileBytes;

    public KnowledgeLoader() {
        this(DEFAULT_MAX_FILE_BYTES);
    }

    /** @param maxFileBytes the size limit of each knowledge file (config desk.knowledge-file-limit-kb) */
    public KnowledgeLoader(long maxFileBytes) {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("the knowledge file size limit must be positive");
        }
        this.maxFileBytes = maxFileBytes;
    }

    private final FrontMatterReader frontMatter = new FrontMatterReader();
    private final SynonymsParser synonymsParser = new SynonymsParser();
    private final OffTopicParser offTopicParser = new OffTopicParser();
    private final LawsParser lawsParser = new LawsParser();
    private final SourcesParser sourcesParser = new SourcesParser();

    /**
     * @param placeholders values for {@code {{name}}} in answers and titles (keys without braces)
     * @throws KnowledgeProblems if anything is wrong, listing every problem as {@code file:line: problem}
     */
    public KnowledgeBase load(Path faqDir, Map<String, String> placeholders) {
        List<KnowledgeException> problems = new ArrayList<>();
        Placeholders fill = new Placeholders(placeholders);
        Map<String, Path> firstFileById = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Path file : knowledgeFiles(faqDir, problems)) {
            List<KnowledgeException> fileProblems = new ArrayList<>();
            if (fits(file, fileProblems)) {
                loadFile(faqDir, file, fill, firstFileById, fileProblems).ifPresent(entries::add);
            }
            fileProblems.sort(Comparator.comparingInt(KnowledgeException::line));
            problems.addAll(fileProblems);
        }
        Synonyms synonyms = Synonyms.none();
        Path synonymsFile = faqDir.resolve(SYNONYMS_FILE);
        if (Files.isRegularFile(synonymsFile) && fits(synonymsFile, problems)) {
            synonyms = synonymsParser.parse(synonymsFile, problems);
        }
        List<OffTopicArea> offTopic = List.of();
        Path offTopicFile = faqDir.resolve(OFF_TOPIC_FILE);
        if (Files.isRegularFile(offTopicFile) && fits(offTopicFile, problems)) {
            offTopic = offTopicParser.parse(offTopicFile, firstFileById.keySet(), problems);
        }
        LawRegistry laws = LawRegistry.empty();
        Path lawsFile = faqDir.resolve(LAWS_FILE);
        if (Files.isRegularFile(lawsFile) && fits(lawsFile, problems)) {
            laws = lawsParser.parse(lawsFile, problems);
        }
        SourcePolicy sourcePolicy = SourcePolicy.none();
        Path sourcesFile = faqDir.resolve(SOURCES_FILE);
        if (Files.isRegularFile(sourcesFile) && fits(sourcesFile, problems)) {
            sourcePolicy = sourcesParser.parse(sourcesFile, problems);
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeProblems(problems);
        }
        return new KnowledgeBase(entries, synonyms, offTopic, laws, sourcePolicy);
    }

    /** False, with a problem naming the file, its size and the limit, when the file is over the limit. */
    private boolean fits(Path file, List<KnowledgeException> problems) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return true; // reading it names the problem
        }
        if (size <= maxFileBytes) {
            return true;
        }
        problems.add(new KnowledgeException(file, 0, "the file is " + megabytes(size) + ", more than the "
                + megabytes(maxFileBytes) + " a knowledge file may have (desk.knowledge-file-limit-kb in the config); "
                + "it was not read: split it into several files"));
        return false;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The {@code .md} files under {@code faqDir}, sorted by relative path so that loads are repeatable. */
    private static List<Path> knowledgeFiles(Path faqDir, List<KnowledgeException> problems) {
        if (!Files.isDirectory(faqDir)) {
            problems.add(new KnowledgeException(faqDir, 0, "no such directory"));
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(faqDir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> isKnowledgeFile(faqDir, p))
                    .sorted(Comparator.comparing(p -> faqDir.relativize(p).toString()))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(new KnowledgeException(faqDir, 0, "cannot list the knowledge files: " + e.getMessage()));
            return List.of();
        }
        if (files.isEmpty()) {
            problems.add(new KnowledgeException(faqDir, 0, "no knowledge files (*.md) found"));
        }
        return files;
    }

    /** Whether the loader reads this file: what the watcher must watch. */
    static boolean isKnowledgeFile(Path faqDir, Path file) {
        Path relative = faqDir.relativize(file);
        String name = file.getFileName().toString();
        return !hidden(relative) && !relative.startsWith(DRAFTS_DIR) && Files.isRegularFile(file)
                && (name.endsWith(".md") || relative.toString().equals(SYNONYMS_FILE)
                || relative.toString().equals(OFF_TOPIC_FILE) || relative.toString().equals(LAWS_FILE)
                || relative.toString().equals(SOURCES_FILE));
    }

    /** Editors' lock and backup files start with a dot; they are not knowledge. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private Optional<Entry> loadFile(Path faqDir, Path file, Placeholders fill, Map<String, Path> firstFileById,
                                     List<KnowledgeException> problems) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            problems.add(new KnowledgeException(file, 0, "not valid UTF-8 text"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new KnowledgeException(file, 0, "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
        Optional<SplitFile> split = SplitFile.split(file, text, problems);
        if (split.isEmpty()) {
            return Optional.empty();
        }
        SplitFile parts = split.get();
        int before = problems.size();
        Optional<FrontMatter> fm = frontMatter.read(file, parts, problems);
        String body = fill.fill(file, parts.body(), parts.closingLine() + 1, problems).strip();
        if (body.isEmpty()) {
            problems.add(new KnowledgeException(file, parts.closingLine(), "no answer after the front matter"));
        }
        if (fm.isEmpty()) {
            return Optional.empty();
        }
        FrontMatter m = fm.get();
        checkId(faqDir, file, m, firstFileById, problems);
        String title = m.title() == null ? null : fill.fill(file, m.title(), m.titleLine(), problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Entry(m.id(), title, m.questions(), m.tags(), m.sources(), m.reviewed(), body, file,
                m.sourceLines()));
    }

    private static void checkId(Path faqDir, Path file, FrontMatter m, Map<String, Path> firstFileById,
                                List<KnowledgeException> problems) {
        String id = m.id();
        if (id == null) {
            return;
        }
        if (!ID.matcher(id).matches()) {
            problems.add(new KnowledgeException(file, m.idLine(),
                    "id '" + id + "' must be lower-case latin letters and digits joined by single hyphens, like create-charter"));
            return;
        }
        if (id.length() > MAX_ID) {
            // the id travels in the data of the «Подробнее» and suggestion buttons (Telegram allows 64 bytes)
            problems.add(new KnowledgeException(file, m.idLine(),
                    "id '" + id + "' is " + id.length() + " characters long; at most " + MAX_ID + " fit a button"));
            return;
        }
        String expected = id + ".md";
        if (!file.getFileName().toString().equals(expected)) {
            problems.add(new KnowledgeException(file, m.idLine(),
                    "id '" + id + "' does not match the file name; the file must be named " + expected));
        }
        Path first = firstFileById.putIfAbsent(id, file);
        if (first != null) {
            problems.add(new KnowledgeException(file, m.idLine(), 
                    "duplicate id '" + id + "', already used by " + relative(faqDir, first) + " in the knowledge folder"));
        }
    }

    /** A path as the knowledge folder sees it, so a message reads the same wherever the folder lives. */
    private static Path relative(Path faqDir, Path file) {
        try {
            return faqDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return file;
        }
    }
}
