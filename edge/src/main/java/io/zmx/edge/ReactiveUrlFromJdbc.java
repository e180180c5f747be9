package io.zmx.edge;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A service reaches its PostgreSQL database through two clients: the reactive one (Hibernate Reactive, every
 * endpoint) and JDBC (Flyway, and registry's COPY bulk import). Both are configured by the one JDBC URL the local stack and
 * the Kubernetes manifests already pass ({@code ZMX_<SERVICE>_DB_URL}, {@code jdbc:postgresql://host:port/db}): unless
 * {@code quarkus.datasource.reactive.url} is set explicitly, it is that URL without its {@code jdbc:} prefix, which
 * is the form the Vert.x PostgreSQL client reads.
 */
@Priority(Priorities.APPLICATION)
public class ReactiveUrlFromJdbc implements ConfigSourceInterceptor {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !REACTIVE_URL.equals(name)) {
            return value;
        }
        ConfigValue jdbc = context.proceed(JDBC_URL);
        if (jdbc == null || jdbc.getValue() == null || !jdbc.getValue().startsWith("jdbc:")) {
            return null;
        }
        return jdbc.withName(REACTIVE_URL).withValue(reactiveUrl(jdbc.getValue()));
    }

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        if (names.contains(JDBC_URL)) {
            names.add(REACTIVE_URL);
        }
        return names.iterator();
    }

    /** {@code jdbc:postgresql://h:p/db?x=y} → {@code postgresql://h:p/db?x=y}. */
    static String reactiveUrl(String jdbcUrl) {
        return jdbcUrl.substring("jdbc:".length());
    }
}
