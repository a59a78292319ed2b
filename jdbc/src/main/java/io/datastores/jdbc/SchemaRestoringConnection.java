package io.datastores.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A borrowed connection that puts back the schema it had when borrowed as it is closed, unless it
 * was discarded. HikariCP resets a schema only to one configured for the whole pool, and none is:
 * without this a logical database's schema would leak to the next borrower. A connection whose
 * schema cannot be restored is evicted.
 */
final class SchemaRestoringConnection implements InvocationHandler {
    private final Connection pooled;
    private final String original;
    private final JdbcPool pool;
    private volatile boolean discarded;

    private SchemaRestoringConnection(Connection pooled, String original, JdbcPool pool) {
        this.pooled = pooled;
        this.original = original;
        this.pool = pool;
    }

    /** @return {@code pooled}, restoring {@code original} as its schema when closed */
    static Connection wrap(Connection pooled, String original, JdbcPool pool) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new SchemaRestoringConnection(pooled, original, pool));
    }

    /**
     * Marks a connection as discarded, so closing it restores nothing.
     *
     * @return the pool's own connection behind it, to evict
     */
    static Connection discard(Connection connection) {
        if (Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof SchemaRestoringConnection restorer) {
            restorer.discarded = true;
            return restorer.pooled;
        }
        return connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            try (pooled) {
                if (!discarded && !pooled.isClosed()) {
                    pooled.setSchema(original);
                }
            } catch (SQLException e) {
                pool.evict(pooled);
                throw e;
            }
            return null;
        }
        try {
            return method.invoke(pooled, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
