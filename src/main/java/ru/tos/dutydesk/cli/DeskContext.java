package ru.tos.dutydesk.cli;

import ru.tos.dutydesk.config.AppConfig;
import ru.tos.dutydesk.config.ConfigException;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.desk.CoordinatorReports;
import ru.tos.dutydesk.desk.Knowledge;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeException;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.LuceneMatcher;
import ru.tos.dutydesk.matching.VariantGuard;
import ru.tos.dutydesk.matching.eval.EvalFile;
import ru.tos.dutydesk.matching.eval.EvalFileException;
import ru.tos.dutydesk.matching.eval.EvalRow;
import ru.tos.dutydesk.desk.Teaching;
import ru.tos.dutydesk.knowledge.KnowledgeEditor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.tos.dutydesk.matching.RussianAnalysis;
import ru.tos.dutydesk.report.CoordinatorFigures;
import ru.tos.dutydesk.report.PeriodArgument;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.store.DatabaseLocation;
import ru.tos.dutydesk.store.DatabaseLogin;
import ru.tos.dutydesk.store.SqlStore;
import ru.tos.dutydesk.store.StoreException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a command needs, loaded on first use, with start-up errors turned into one clear line. */
final class DeskContext implements AutoCloseable {
    private final GlobalOptions options;
    private final Map<String, String> env;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private AppConfig config;

    DeskContext(GlobalOptions options, Map<String, String> env) {
        this.options = options;
        this.env = env;
    }

    Map<String, String> env() {
        return env;
    }

    Path faqDir() {
        return options.faq;
    }

    AppConfig config() {
        if (config == null) {
            try {
                config = new ConfigLoader(env).load(options.config);
            } catch (ConfigException e) {
                throw new StartupException(OneLine.joined(e.getMessage()));
            }
        }
        return config;
    }

    /** The configured database, or the SQLite file given by {@code --db}. */
    DatabaseLocation database() {
        return options.db != null ? new DatabaseLocation.SqliteFile(options.db) : config().database();
    }

    /** The SQLite file, for what only a file has (backup, restore, free disk); a clear error on PostgreSQL. */
    Path databaseFile(String what) {
        if (database() instanceof DatabaseLocation.SqliteFile f) {
            return f.file();
        }
        throw new StartupException(what + " works on an SQLite file; this desk's database is PostgreSQL ("
                + database().describe() + "): use pg_dump / pg_restore or the server's own backups");
    }

    /**
     * Where the console chat writes: the {@code --db} given, else a file of its own beside the configured database
     * ({@code data/duty-desk.db} → {@code data/duty-desk-try.db}), so that trying the desk out never adds to the
     * figures of the grant report.
     */
    Path tryOutDatabase() {
        if (options.db != null) {
            return options.db;
        }
        return config().database() instanceof DatabaseLocation.SqliteFile f ? tryOutOf(f.file()) : TRY_OUT_BESIDE_POSTGRES;
    }

    /** The console chat's own file when the desk's database is PostgreSQL: trying out stays out of it too. */
    static final Path TRY_OUT_BESIDE_POSTGRES = Path.of("data", "duty-desk-try.db");

    static Path tryOutOf(Path database) {
        String name = database.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String tried = dot > 0 ? name.substring(0, dot) + "-try" + name.substring(dot) : name + "-try";
        return database.resolveSibling(tried);
    }

    /** The console chat's store, on {@link #tryOutDatabase()}. */
    SqlStore tryOutStore() {
        try {
            return keep(SqlStore.open(tryOutDatabase()));
        } catch (StoreException e) {
            throw new StartupException(e.getMessage());
        }
    }

    KnowledgeBase knowledgeBase() {
        try {
            return new KnowledgeLoader(config().knowledgeFileLimitBytes()).load(options.faq, config().placeholders());
        } catch (KnowledgeException e) {
            throw new StartupException("knowledge base is broken: " + OneLine.firstOf(e.getMessage(), "`kb check` lists them all"));
        }
    }

    Knowledge knowledge() {
        return knowledge(knowledgeBase());
    }

    Knowledge knowledge(KnowledgeBase base) {
        return new Knowledge(base, matcher(base), new IntentDetector());
    }

    /** The matcher over a knowledge base: builds its index, the longest part of a start. */
    LuceneMatcher matcher(KnowledgeBase base) {
        return new LuceneMatcher(base, RussianAnalysis.standard(), config().thresholds());
    }

    /** The folder of evaluation files a checkout keeps beside its knowledge: the guard's default. */
    static final Path EVAL_BESIDE_FAQ = Path.of("src", "test", "resources", "eval");

    /**
     * Teaching from the chat: the knowledge folder's editor, and the guard asking again the other entries' variants and
     * the evaluation files of {@code knowledge.guard-eval} (a file or a folder of .tsv), by default the project's own
     * {@code src/test/resources/eval} when it lies beside the knowledge folder.
     */
    Teaching teaching() {
        return new Teaching(new KnowledgeEditor(options.faq), new VariantGuard(this::matcher, guardEvalRows()));
    }

    List<EvalRow> guardEvalRows() {
        Optional<Path> configured = config().guardEval();
        Path where = configured.orElseGet(() -> {
            Path parent = options.faq.toAbsolutePath().normalize().getParent();
            return parent == null ? EVAL_BESIDE_FAQ : parent.resolve(EVAL_BESIDE_FAQ);
        });
        if (!Files.exists(where)) {
            if (configured.isPresent()) {
                throw new StartupException("knowledge.guard-eval: " + where + " does not exist");
            }
            return List.of();
        }
        List<Path> files;
        if (Files.isDirectory(where)) {
            try (var list = Files.list(where)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
            } catch (IOException e) {
                throw new StartupException("knowledge.guard-eval: cannot list " + where + ": " + e.getMessage());
            }
        } else {
            files = List.of(where);
        }
        List<EvalRow> rows = new ArrayList<>();
        for (Path f : files) {
            try {
                rows.addAll(EvalFile.read(f));
            } catch (EvalFileException e) {
                throw new StartupException("knowledge.guard-eval: " + OneLine.joined(e.getMessage()));
            }
        }
        return rows;
    }

    /** Coordinators' /stats and /export: the same figures as the report command, from this store. */
    CoordinatorReports coordinatorReports(SqlStore store, TopicTitles titles) {
        return new CoordinatorFigures(store.reportSource(), config().targets(), periods(), association(), titles)
                .withEvents(config().events());
    }

    /** The name reports are filed under (config association.name, required by the loader). */
    String association() {
        return config().placeholders().getOrDefault("association.name", "");
    }

    /** How /stats reads a period and what the report command means by none: the project period from config. */
    PeriodArgument periods() {
        AppConfig c = config();
        return new PeriodArgument(c.zone(), c.periodFrom(), c.periodTo());
    }

    /** The store for a running desk: refuses to open a database another running desk holds. */
    SqlStore store() {
        return keep(open(false));
    }

    /** The store for a command that runs beside a running desk (tickets, answer, report). */
    SqlStore sharedStore() {
        return keep(open(true));
    }

    private SqlStore open(boolean shared) {
        try {
            return SqlStore.open(database(), DatabaseLogin.from(env), shared);
        } catch (StoreException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("warning: closing " + resources.get(i) + ": " + e.getMessage());
            }
        }
        resources.clear();
    }
}
