package ru.tos.dutydesk.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the desk's one connection to a PostgreSQL database, set up so that a dead peer is noticed in seconds. */
final class PostgresConnection {
    /** No statement of the desk takes this long; a longer wait means the server or the network is gone. */
    static final int SOCKET_TIMEOUT_SECONDS = 15;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private PostgresConnection() {
    }

    static ConnectionGuard open(DatabaseLocation.Postgres location, DatabaseLogin login) {
        Properties props = new Properties();
        login.user().ifPresent(u -> props.setProperty("user", u));
        login.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "tos-duty-desk");
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        props.setProperty("tcpKeepAlive", "true");
        Connection connection;
        try {
            connection = DriverManager.getConnection(location.url(), props);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to database " + location.describe() + ": "
                    + ConnectionGuard.oneLine(e.getMessage()), e);
        }
        try {
            // the server ends the session of a desk whose machine vanished after about 11 s (5 idle, then 3 probes 2 s
            // apart), which frees its lead for another desk; without these, the kernel's default is two hours
            Sql.exec(connection, "SET tcp_keepalives_idle = 5");
            Sql.exec(connection, "SET tcp_keepalives_interval = 2");
            Sql.exec(connection, "SET tcp_keepalives_count = 3");
            // times are stored as epoch milliseconds; nothing depends on the session's zone, but reports read in UTC
            Sql.exec(connection, "SET TIME ZONE 'UTC'");
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException("cannot set up the connection to " + location.describe() + ": "
                    + ConnectionGuard.oneLine(e.getMessage()), e);
        }
        return new ConnectionGuard(StatementCache.wrap(connection), location.describe(), Dialect.POSTGRES);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is being given up anyway
        }
    }
}
