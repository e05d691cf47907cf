package org.unctgraph.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j 5 Community server in this JVM, for tests and local development.
 *
 * <p>Configuration (command-line options win over environment variables):
 *
 * <ul>
 *   <li>{@code --port=N} / {@code NEO4J_PORT}: Bolt port on 127.0.0.1, default 7687; {@code 0} or
 *       {@code auto} binds a free port.
 *   <li>{@code --data-dir=PATH} / {@code NEO4J_DATA_DIR}: server home, kept across runs (data in
 *       {@code PATH/data}, logs in {@code PATH/logs} and {@code PATH/harness}). Without it a temporary
 *       directory is used and deleted on shutdown.
 *   <li>{@code NEO4J_PASSWORD}: password of user {@code neo4j}, default {@code unct-graph-dev}
 *       (Neo4j requires at least 8 characters). Not taken from the command line, so that it does
 *       not show up in process listings.
 *   <li>{@code --ignore-stdin} / {@code NEO4J_IGNORE_STDIN=1}: do not stop when standard input
 *       closes (needed when started with stdin redirected from /dev/null, e.g. in the background).
 *   <li>{@code --exit-when-ready}: stop again right after the READY line (a smoke test, and a
 *       training run for a class-data-sharing archive).
 * </ul>
 *
 * <p>Once Bolt accepts connections, exactly one line, {@code NEO4J READY bolt://127.0.0.1:PORT}, is
 * written to standard output; everything else goes to standard error. The server then runs until
 * standard input reaches end-of-file, or the process gets SIGTERM/SIGINT; either way a shutdown hook
 * stops Neo4j cleanly.
 */
public final class Neo4jLocal {
    static final String READY_PREFIX = "NEO4J READY ";
    static final String USER = "neo4j";
    static final String DEFAULT_PASSWORD = "unct-graph-dev";
    static final int DEFAULT_PORT = 7687;
    static final String HOST = "127.0.0.1";

    // The machine is small (2 cores) and several JVMs may run side by side in tests.
    static final long PAGE_CACHE_MIB = 128;
    static final long TX_MEMORY_TOTAL_MIB = 256;

    /** Set once a server is being started; lets a startup failure stop it before reporting. */
    private static volatile Server startedServer;

    private Neo4jLocal() {}

    public static void main(String[] args) {
        // Keep the real stdout for the single READY line; whatever else would be printed there
        // goes to stderr, so that readers of stdout see nothing but that line.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        // System properties that Neo4j's own launch script sets (its other JVM flags, the
        // --add-opens, are in this jar's manifest). Set before any Neo4j/Netty class loads.
        setDefaultProperty("io.netty.tryReflectionSetAccessible", "true");
        setDefaultProperty("jdk.nio.maxCachedBufferSize", "1024");
        setDefaultProperty("log4j2.disable.jmx", "true");
        try {
            run(Options.parse(args, System.getenv()), stdout);
            System.exit(0);
        } catch (UsageError e) {
            System.err.println("neo4j-local: " + e.getMessage());
            System.exit(2);
        } catch (Throwable t) {
            t.printStackTrace(System.err);
            Server server = startedServer;
            if (server != null) {
                server.close();
            }
            // Last, so that it is what a caller showing the tail of the output sees.
            System.err.println("neo4j-local: failed to start Neo4j: " + rootCause(t));
            System.exit(1);
        }
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void setDefaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void run(Options options, PrintStream stdout) throws Exception {
        Path home;
        boolean ephemeral = options.dataDir == null;
        if (ephemeral) {
            home = Files.createTempDirectory("neo4j-local-");
        } else {
            home = options.dataDir.toAbsolutePath();
            Files.createDirectories(home);
        }
        // The harness always works in a fresh random (md5-named) folder under the directory it
        // is given, and deletes that folder on close. Only its own user log and scratch files
        // live there: neo4j_home is pointed at `home` below, so the store survives restarts.
        Path harnessDir = home.resolve("harness");
        Files.createDirectories(harnessDir);
        List<Path> staleHarnessFolders = listChildren(harnessDir);

        System.err.printf("neo4j-local: home %s, bolt %s:%s%n", home, HOST, options.port == 0 ? "auto" : options.port);

        Server server = new Server(home, ephemeral);
        startedServer = server;
        // Registered before starting so that a SIGTERM during startup still cleans up.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "neo4j-local-shutdown"));

        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(harnessDir)
                // Overrides the harness's choice (its random folder); later settings win.
                .withConfig(GraphDatabaseSettings.neo4j_home, home)
                // The harness turns authentication off; the service under test must use it.
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, options.port))
                .withConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                // Loopback only: plain Bolt. Also keeps the harness from generating certificates.
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(PAGE_CACHE_MIB))
                .withConfig(
                        GraphDatabaseSettings.memory_transaction_global_max_size,
                        ByteUnit.mebiBytes(TX_MEMORY_TOTAL_MIB))
                // Transaction logs are otherwise preallocated at their full rotation size, 256 MiB
                // per database: half a gigabyte of disk for an empty server.
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // No anonymous usage reports ("UDC") sent to Neo4j from test and dev runs.
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt's Netty event loops otherwise wait a 5 s quiet period each (boss, then
                // worker) on shutdown, which makes every stop take over 10 s. Open connections
                // are closed explicitly before that wait, so nothing is lost by skipping it.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                // HTTP and HTTPS connectors off: only Bolt is used.
                .withDisabledServer()
                .build();
        server.started(neo4j);

        setPassword(neo4j, options.password);

        int port = neo4j.boltURI().getPort();
        waitForBolt(port);

        // Folders left by earlier runs that did not shut down cleanly (e.g. SIGKILL).
        for (Path stale : staleHarnessFolders) {
            deleteRecursively(stale);
        }

        stdout.println(READY_PREFIX + "bolt://" + HOST + ":" + port);
        stdout.flush();

        if (options.exitWhenReady) {
            return; // main() exits; the shutdown hook stops Neo4j.
        }
        if (options.watchStdin) {
            Thread watcher = new Thread(Neo4jLocal::exitOnStdinEof, "neo4j-local-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        // Park the main thread; System.exit (from the stdin watcher) or a signal ends the JVM,
        // and the shutdown hook stops Neo4j.
        Thread.currentThread().join();
    }

    /**
     * Sets the password of user neo4j and clears its "must change password" flag. Runs through the
     * embedded API on the system database, which is not subject to authentication. Done on every
     * start so that NEO4J_PASSWORD always wins, also for an existing data directory.
     */
    private static void setPassword(Neo4j neo4j, String password) {
        GraphDatabaseService system =
                neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the one already set (restart with the same
            // data directory); that is the state we want anyway.
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (!message.contains("old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    /** Bolt is started by the time build() returns; this guards against surprises all the same. */
    private static void waitForBolt(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Bolt did not accept connections on port " + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void exitOnStdinEof() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only end-of-file matters.
            }
        } catch (IOException e) {
            // A broken stdin counts as closed.
        }
        System.err.println("neo4j-local: stdin closed, shutting down");
        System.exit(0);
    }

    private static List<Path> listChildren(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.collect(Collectors.toList());
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Owns the running Neo4j and its cleanup; close() is safe to call more than once. */
    private static final class Server {
        private final Path home;
        private final boolean ephemeral;
        private Neo4j neo4j;
        private boolean closed;

        Server(Path home, boolean ephemeral) {
            this.home = home;
            this.ephemeral = ephemeral;
        }

        synchronized void started(Neo4j neo4j) {
            if (closed) {
                // Shutdown began while Neo4j was starting.
                neo4j.close();
                return;
            }
            this.neo4j = neo4j;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (neo4j != null) {
                    neo4j.close();
                    System.err.println("neo4j-local: Neo4j stopped");
                }
            } catch (RuntimeException e) {
                System.err.println("neo4j-local: error while stopping Neo4j");
                e.printStackTrace(System.err);
            } finally {
                if (ephemeral) {
                    deleteRecursively(home);
                }
            }
        }
    }

    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    /** Command-line options and environment, merged. */
    static final class Options {
        final int port;
        final Path dataDir;
        final String password;
        final boolean watchStdin;
        final boolean exitWhenReady;

        private Options(int port, Path dataDir, String password, boolean watchStdin, boolean exitWhenReady) {
            this.port = port;
            this.dataDir = dataDir;
            this.password = password;
            this.watchStdin = watchStdin;
            this.exitWhenReady = exitWhenReady;
        }

        static Options parse(String[] args, Map<String, String> env) throws UsageError {
            String port = env.get("NEO4J_PORT");
            String dataDir = env.get("NEO4J_DATA_DIR");
            boolean watchStdin = !isTrue(env.get("NEO4J_IGNORE_STDIN"));
            boolean exitWhenReady = false;
            for (String arg : args) {
                if (arg.startsWith("--port=")) {
                    port = arg.substring("--port=".length());
                } else if (arg.startsWith("--data-dir=")) {
                    dataDir = arg.substring("--data-dir=".length());
                } else if (arg.equals("--ignore-stdin")) {
                    watchStdin = false;
                } else if (arg.equals("--exit-when-ready")) {
                    exitWhenReady = true;
                } else {
                    throw new UsageError("unknown argument " + arg
                            + "\nusage: java -jar neo4j-local.jar [--port=N|auto] [--data-dir=PATH]"
                            + " [--ignore-stdin] [--exit-when-ready]");
                }
            }
            String password = env.getOrDefault("NEO4J_PASSWORD", "");
            if (password.isEmpty()) {
                password = DEFAULT_PASSWORD;
            }
            return new Options(
                    parsePort(port),
                    dataDir == null || dataDir.isEmpty() ? null : Paths.get(dataDir),
                    password,
                    watchStdin,
                    exitWhenReady);
        }

        private static int parsePort(String value) throws UsageError {
            if (value == null || value.isEmpty()) {
                return DEFAULT_PORT;
            }
            if (value.equalsIgnoreCase("auto")) {
                return 0;
            }
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new UsageError("invalid port " + value);
        }

        private static boolean isTrue(String value) {
            return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
        }
    }
}
