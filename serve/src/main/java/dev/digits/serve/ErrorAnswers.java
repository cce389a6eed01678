package dev.digits.serve;

import dev.digits.model.image.InvalidImageException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every failure is answered: a client's mistake with its 4xx and {@link ApiError} type, a
 * server that cannot take the request now with 503 and {@code Retry-After}, and anything else
 * with 500 and an id that the log holds with the details, never a stack trace.
 */
final class ErrorAnswers {

    private static final Logger logger = LoggerFactory.getLogger(ErrorAnswers.class);

    private ErrorAnswers() {}

    static void install(Javalin app, ServerMetrics metrics, ServerOptions options) {
        app.exception(InvalidImageException.class, (e, ctx) -> {
            switch (e.reason()) {
                case TOO_LARGE -> reject(ctx, metrics, 413, "too_large", e.getMessage());
                case BAD_PIXELS -> fail(ctx, 400, "bad_pixels", e.getMessage());
                // Well-formed, but there is nothing to read.
                case BLANK -> fail(ctx, 422, "blank_image", e.getMessage());
                default -> fail(ctx, 400, "bad_image", e.getMessage());
            }
        });
        app.exception(BadRequest.class, (e, ctx) -> {
            if (e.status == 413 || e.status == 408) {
                // The rest of the body is not read: the connection cannot carry another request.
                ctx.header("Connection", "close");
            }
            reject(ctx, metrics, e.status, e.type, e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            switch (e.getStatus()) {
                case 404 -> fail(ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path()
                        + " (routes: " + String.join(", ", DigitServer.ROUTES) + ")");
                case 405 -> fail(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
                case 413 -> reject(ctx, metrics, 413, "too_large", "the body is larger than the "
                        + options.maxBodyBytes() + " bytes accepted");
                default -> fail(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
            }
        });
        app.exception(Unavailable.class, (e, ctx) -> {
            ctx.header("Retry-After", Integer.toString(e.reason.retryAfterSeconds));
            reject(ctx, metrics, 503, e.reason.type, e.getMessage());
        });
        app.exception(ServerFailure.class, (e, ctx) -> failure(ctx, e.id));
        app.exception(Exception.class, (e, ctx) -> {
            String id = ServerFailure.newId();
            logger.error("Request {} {} failed (id {})", ctx.method(), ctx.path(), id, e);
            failure(ctx, id);
        });
    }

    /** A refusal the metrics count by its type: the request, or the server's load, was too much. */
    private static void reject(Context ctx, ServerMetrics metrics, int status, String type, String message) {
        metrics.rejected(type);
        fail(ctx, status, type, message);
    }

    static void fail(Context ctx, int status, String type, String message) {
        ctx.status(status).json(new ApiError(status, type, message));
    }

    private static void failure(Context ctx, String id) {
        ctx.status(500).json(new ApiError(500, "server_failure", "the server failed to answer; its log holds"
                + " the details under id " + id, id));
    }
}
