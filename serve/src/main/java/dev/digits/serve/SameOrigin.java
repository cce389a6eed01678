package dev.digits.serve;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;

/**
 * Refuses a POST that a page of another origin made. Any site the user visits could otherwise
 * make the browser send work to a server on 127.0.0.1 (the server's answers do not allow it to
 * read them, but the work is done). Browsers send {@code Origin} with every POST from a page,
 * the sandboxed and file pages' {@code null} too; clients that are not browsers send none, and
 * are let through.
 */
final class SameOrigin implements Handler {

    @Override
    public void handle(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String host = ctx.header("Host");
        String originHost;
        try {
            URI uri = URI.create(origin);
            originHost = uri.getHost() == null ? null
                    : uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            originHost = null;
        }
        if (host == null || originHost == null || !host.equalsIgnoreCase(originHost)) {
            throw new BadRequest(403, "cross_origin", "a page of " + origin + " may not post to this server ("
                    + host + "); only its own page may");
        }
    }
}
