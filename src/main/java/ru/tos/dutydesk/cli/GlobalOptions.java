package ru.tos.dutydesk.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** Options every command takes, before or after the command's name. */
public final class GlobalOptions {
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "configuration file (default: ${DEFAULT-VALUE})", defaultValue = "config/duty-desk.yml")
    Path config;

    @Option(names = "--faq", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "knowledge base folder (default: ${DEFAULT-VALUE})", defaultValue = "faq")
    Path faq;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "SQLite database (default: `database` in the configuration)")
    Path db;

    /** The options as given anywhere on the command line (they live on the root command). */
    static GlobalOptions of(picocli.CommandLine.Model.CommandSpec spec) {
        return ((Main) spec.root().userObject()).options;
    }
}
