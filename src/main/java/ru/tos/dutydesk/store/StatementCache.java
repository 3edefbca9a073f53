package ru.tos.dutydesk.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the store's prepared statements for reuse: SQLite spends a good part of a short statement's time compiling
 * it, and the desk runs the same few dozen statements for every message. {@link #wrap} returns the connection with
 * {@code prepareStatement(sql)} answered from the cache; closing such a statement only clears its parameters.
 * A statement still in use (its result set open) is not handed out twice: a nested use gets a fresh one.
 * The connection is used under {@link ConnectionGuard}'s lock, so the cache needs no locking of its own.
 */
final class StatementCache {
    /** The store's statements are constants; the bound only guards against a caller building SQL in a loop. */
    private static final int MAX = 200;

    private final Connection connection;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true);

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The connection with its single-argument {@code prepareStatement} cached; closing it closes the cache. */
    static Connection wrap(Connection connection) {
        StatementCache cache = new StatementCache(connection);
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, cache::onConnection);
    }

    private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return prepare((String) args[0]);
        }
        if (method.getName().equals("close") && (args == null || args.length == 0)) {
            closeAll();
        }
        if (method.getName().equals("unwrap") && args != null && args[0] == StatementCache.class) {
            return this;
        }
        return invoke(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Cached cached = cache.get(sql);
        if (cached != null && cached.inUse) {
            return connection.prepareStatement(sql);
        }
        if (cached == null) {
            cached = new Cached(connection.prepareStatement(sql));
            cache.put(sql, cached);
            evictBeyondMax();
        }
        cached.inUse = true;
        return cached.proxy;
    }

    private void evictBeyondMax() {
        var it = cache.values().iterator();
        while (cache.size() > MAX && it.hasNext()) {
            Cached eldest = it.next();
            if (!eldest.inUse) {
                it.remove();
                closeQuietly(eldest.statement);
            }
        }
    }

    /** Closes the statements nobody is using: VACUUM refuses to run while a kept statement is mid-step. */
    void closeIdle() {
        var it = cache.values().iterator();
        while (it.hasNext()) {
            Cached c = it.next();
            if (!c.inUse) {
                it.remove();
                closeQuietly(c.statement);
            }
        }
    }

    private void closeAll() {
        cache.values().forEach(c -> closeQuietly(c.statement));
        cache.clear();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException e) {
            // closing a statement of a connection that is closing anyway
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A kept statement and the face shown to callers, whose close() returns it to the cache. */
    private static final class Cached implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement proxy;
        boolean inUse;

        Cached(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (inUse) {
                        inUse = false;
                        statement.clearParameters();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return !inUse || statement.isClosed();
                }
                default -> {
                    return StatementCache.invoke(statement, method, args);
                }
            }
        }
    }
}
