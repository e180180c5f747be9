package io.zmx.edge;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * JSON endpoints take small bodies ({@link EdgeConfig#maxJsonBody()}, 1 MiB); bulk uploads on
 * {@link EdgeConfig#streamedPaths()} are read as streams and may be large. A declared oversized body is refused
 * before it is read; a chunked one (no Content-Length) is counted as it is read and refused when it passes
 * the limit. Both answer 413 problem+json.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    /**
     * Read at the first request, not when this provider is built: Quarkus REST builds its providers during static
     * init, before the runtime configuration exists (a native image's static init runs at build time, and a value
     * read then would ignore the operator's ZMX_MAX_JSON_BODY).
     */
    private final Instance<EdgeConfig> configs;
    private volatile EdgeConfig config;

    BodyLimit(Instance<EdgeConfig> configs) {
        this.configs = configs;
    }

    private EdgeConfig config() {
        EdgeConfig c = config;
        if (c == null) {
            c = configs.get();
            config = c;
        }
        return c;
    }

    @ServerRequestFilter(preMatching = true)
    public Response declared(ContainerRequestContext ctx) {
        String header = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/", "");
        long limit = config().maxJsonBody();
        if (length <= limit || config().streamedPaths().stream().anyMatch(path::startsWith)) {
            return null;
        }
        return tooLarge(path, length, limit).toResponse();
    }

    /** Entities read by a message body reader (JSON, text) are never streams: count what the reader consumes. */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext ctx) throws IOException {
        Class<?> type = ctx.getType();
        if (InputStream.class.isAssignableFrom(type) || type == java.io.File.class
                || type == java.nio.file.Path.class || type.getName().startsWith("io.smallrye.mutiny")) {
            return ctx.proceed();
        }
        ctx.setInputStream(new Limited(ctx.getInputStream(), config().maxJsonBody()));
        return ctx.proceed();
    }

    public static Problem tooLarge(String path, long length, long limit) {
        return Problem.of(413, "payload-too-large", "Request body too large",
                (length < 0 ? "Body" : "Body of " + length + " bytes") + " exceeds the limit of " + limit + " bytes"
                        + (path == null ? "" : " for " + path), path);
    }

    /** Counts bytes as the reader pulls them; past the limit the read fails with a 413 problem. */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new ProblemException(413, "payload-too-large", "Request body too large",
                        "Body exceeds the limit of " + limit + " bytes");
            }
        }
    }
}
