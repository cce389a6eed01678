package dev.digits.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.inference.DigitImages;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.InvalidImageException;
import dev.digits.model.inference.NumberReading;
import dev.digits.model.inference.PredictionInterruptedException;
import dev.digits.model.inference.RecognizerBusyException;
import dev.digits.model.inference.RecognizerClosedException;
import dev.digits.model.inference.Prediction;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP prediction server.
 *
 * <ul>
 *   <li>{@code POST /predictions}: an image body ({@code image/png}, {@code image/jpeg}, ...), a
 *       multipart form with one or more image files, or JSON {@code {"pixels": [784 numbers]}} or
 *       {@code {"batch": [[784 numbers], ...]}}. One image answers {@code {"digit", "probabilities"}},
 *       several answer a list of them.
 *   <li>{@code POST /numbers}: an image body or a multipart form with one image file of a
 *       handwritten number; answers {@code {"number", "confidence", "digits": [{"digit",
 *       "confidence", "box": [x, y, w, h]}]}}.
 *   <li>{@code GET /ping}, {@code GET /models}, and {@code GET /}: a page to draw a digit on.
 * </ul>
 *
 * <p>Every client mistake answers 4xx with {@link ApiError} JSON; overload and shutdown answer
 * 503 with {@code Retry-After}; a failure of the server or the engine answers 500 with an id that
 * the log holds with the details. The server stays up.
 */
public final class DigitServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(DigitServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ANSWER_TIMEOUT_SECONDS = 30;
    /** How long a request waits for a turn to decode its images before it is answered 503. */
    private static final long DECODE_WAIT_SECONDS = 10;

    private final DigitRecognizer recognizer;
    private final ServerOptions options;
    private final PredictionBatcher batcher;
    private final Javalin app;
    private final byte[] page;
    /** Decoding holds a whole image in memory: only so many at once, whatever Jetty's thread count. */
    private final Semaphore decodes;
    private final AtomicInteger inFlight = new AtomicInteger();

    private DigitServer(DigitRecognizer recognizer, Function<List<float[]>, List<Prediction>> forward,
            ServerOptions options) {
        this.recognizer = recognizer;
        this.options = options;
        this.decodes = new Semaphore(options.maxDecodes(), true);
        this.batcher = new PredictionBatcher(forward, options.maxBatch(), options.maxWaitMillis(),
                recognizer.poolSize());
        this.page = resource("/web/index.html");
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.multipartConfig.maxFileSize(options.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(options.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            config.jetty.modifyServer(server -> server.setStopTimeout(TimeUnit.SECONDS.toMillis(ANSWER_TIMEOUT_SECONDS)));
        });
        app.get("/", ctx -> ctx.contentType(ContentType.TEXT_HTML).result(page));
        app.get("/ping", ctx -> ctx.json(Map.of("status", "ok", "requestsInFlight", inFlight.get())));
        app.get("/models", this::models);
        app.post("/predictions", this::predictions);
        app.post("/numbers", this::numbers);
        app.exception(InvalidImageException.class, (e, ctx) -> {
            switch (e.reason()) {
                case TOO_LARGE -> fail(ctx, 413, "too_large", e.getMessage());
                case BAD_PIXELS -> fail(ctx, 400, "bad_pixels", e.getMessage());
                // Well-formed, but there is nothing to read.
                case BLANK -> fail(ctx, 422, "blank_image", e.getMessage());
                default -> fail(ctx, 400, "bad_image", e.getMessage());
            }
        });
        app.exception(BadRequest.class, (e, ctx) -> fail(ctx, e.status, e.type, e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            switch (e.getStatus()) {
                case 404 -> fail(ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path()
                        + " (routes: GET /, GET /ping, GET /models, POST /predictions, POST /numbers)");
                case 405 -> fail(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
                case 413 -> fail(ctx, 413, "too_large", "the body is larger than the " + options.maxBodyBytes()
                        + " bytes accepted");
                default -> fail(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
            }
        });
        app.exception(Unavailable.class, (e, ctx) -> {
            ctx.header("Retry-After", Integer.toString(e.reason.retryAfterSeconds));
            fail(ctx, 503, e.reason.type, e.getMessage());
        });
        app.exception(ServerFailure.class, (e, ctx) -> failure(ctx, e.id));
        app.exception(Exception.class, (e, ctx) -> {
            String id = ServerFailure.newId();
            logger.error("Request {} {} failed (id {})", ctx.method(), ctx.path(), id, e);
            failure(ctx, id);
        });
    }

    /** Starts a server for the recognizer. */
    public static DigitServer start(DigitRecognizer recognizer, ServerOptions options) {
        return start(recognizer, recognizer::predictPixels, options);
    }

    /** Starts a server whose forward passes run through {@code forward}, for tests of failing passes. */
    static DigitServer start(DigitRecognizer recognizer, Function<List<float[]>, List<Prediction>> forward,
            ServerOptions options) {
        DigitServer server = new DigitServer(recognizer, forward, options);
        server.app.start(options.host(), options.port());
        logger.info("Serving {} model on http://{}:{}/ (batches of up to {}, waiting up to {} ms, {} at once)",
                recognizer.engineName(), options.host(), server.port(), options.maxBatch(),
                options.maxWaitMillis(), recognizer.poolSize());
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    private void models(Context ctx) {
        ModelMetadata metadata = recognizer.metadata();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("engine", recognizer.engineName());
        body.put("engineVersion", recognizer.engineVersion());
        body.put("device", recognizer.device().toString());
        body.put("architecture", metadata.architecture());
        body.put("testAccuracy", metadata.testAccuracy());
        body.put("trainedOn", metadata.engine() + " " + metadata.engineVersion());
        // An ensemble has members, not epochs of its own.
        if (metadata.hyperparameters() != null) {
            body.put("epochs", metadata.hyperparameters().epochs());
        }
        if (!metadata.members().isEmpty()) {
            body.put("members", metadata.members().size());
        }
        body.put("parameters", metadata.parameterCount());
        body.put("createdAt", metadata.createdAt());
        ctx.json(List.of(body));
    }

    private void predictions(Context ctx) {
        inFlight.incrementAndGet();
        try {
            List<CompletableFuture<Prediction>> futures;
            boolean single;
            // Announced before decoding, so that a batch being formed can wait for this request.
            Images images;
            try (PredictionBatcher.Arrival arrival = batcher.expect()) {
                images = readImages(ctx);
                single = images.single();
                futures = arrival.submit(images.pixels());
            }
            boolean withPixels = wantsPixels(ctx);
            List<Map<String, Object>> answers = new ArrayList<>(futures.size());
            for (int i = 0; i < futures.size(); i++) {
                Map<String, Object> answer = answer(await(futures.get(i)));
                if (withPixels) {
                    answer.put("pixels", images.pixels().get(i));
                }
                answers.add(answer);
            }
            ctx.json(single ? answers.get(0) : answers);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Reads the handwritten number in one image: a forward pass of its own, of its candidate digits. */
    private void numbers(Context ctx) {
        inFlight.incrementAndGet();
        try {
            String type = checkedContentType(ctx);
            byte[] bytes;
            if (type.startsWith("multipart/form-data")) {
                List<UploadedFile> files = uploadedFiles(ctx);
                if (files.size() != 1) {
                    throw new BadRequest(400, "bad_request", "the form has " + files.size()
                            + " files: send one image of a number");
                }
                bytes = read(files.get(0));
            } else if (type.startsWith("image/") || type.equals("application/octet-stream")) {
                bytes = ctx.bodyAsBytes();
            } else {
                throw new BadRequest(415, "unsupported_media_type", "Content-Type '" + ctx.contentType()
                        + "' is not accepted here: send an image of a number (image/png, image/jpeg, ...) or"
                        + " multipart/form-data with one image file");
            }
            NumberReading reading;
            try {
                reading = recognizer.readNumber(decodeImage(bytes));
            } catch (RecognizerBusyException e) {
                throw Unavailable.busy(e.getMessage());
            } catch (RecognizerClosedException | PredictionInterruptedException e) {
                throw Unavailable.stopping();
            }
            List<Map<String, Object>> digits = new ArrayList<>();
            for (NumberReading.DigitInNumber digit : reading.digits()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("digit", digit.digit());
                item.put("confidence", digit.confidence());
                item.put("box", digit.box());
                item.put("probabilities", digit.prediction().probabilities());
                if (wantsPixels(ctx)) {
                    item.put("pixels", digit.pixels());
                }
                digits.add(item);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", reading.number());
            body.put("confidence", reading.confidence());
            body.put("digits", digits);
            ctx.json(body);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** {@code ?pixels=true}: each answer also holds the 784 pixels the network read, as the page shows them. */
    private static boolean wantsPixels(Context ctx) {
        return "true".equalsIgnoreCase(ctx.queryParam("pixels"));
    }

    /** The request's content type in lower case, once its announced length is within the limit. */
    private String checkedContentType(Context ctx) {
        if (ctx.contentLength() > options.maxBodyBytes()) {
            throw new BadRequest(413, "too_large", "the body has " + ctx.contentLength()
                    + " bytes; at most " + options.maxBodyBytes() + " are accepted");
        }
        return ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    }

    private static List<UploadedFile> uploadedFiles(Context ctx) {
        try {
            return ctx.uploadedFiles();
        } catch (Exception e) {
            // Jetty throws its IOException unchecked through Javalin's Kotlin code.
            throw new BadRequest(400, "bad_request", "the multipart form cannot be read: " + e.getMessage());
        }
    }

    /** The images of one request; single when it sent one image rather than a batch form. */
    private record Images(List<float[]> pixels, boolean single) {}

    private Images readImages(Context ctx) {
        String type = checkedContentType(ctx);
        List<float[]> images = new ArrayList<>();
        boolean single;
        if (type.startsWith("multipart/form-data")) {
            List<UploadedFile> files = uploadedFiles(ctx);
            if (files.isEmpty()) {
                throw new BadRequest(400, "bad_request", "the form has no file: upload the image as a file field");
            }
            for (UploadedFile file : files) {
                images.add(decode(read(file)));
            }
            single = files.size() == 1;
        } else if (type.startsWith("application/json")) {
            single = readJson(ctx.bodyAsBytes(), images);
        } else if (type.startsWith("image/") || type.equals("application/octet-stream")) {
            images.add(decode(ctx.bodyAsBytes()));
            single = true;
        } else {
            throw new BadRequest(415, "unsupported_media_type", "Content-Type '" + ctx.contentType()
                    + "' is not accepted: send an image (image/png, image/jpeg, ...), multipart/form-data"
                    + " or application/json");
        }
        return new Images(images, single);
    }

    /** MNIST-style pixels of image bytes, decoding at most {@code maxDecodes} images at once. */
    private float[] decode(byte[] bytes) {
        return decoding(() -> DigitImages.toMnistPixels(DigitImages.decode(bytes, options.maxPixels())));
    }

    /** The image in bytes, decoding at most {@code maxDecodes} images at once. */
    private java.awt.image.BufferedImage decodeImage(byte[] bytes) {
        return decoding(() -> DigitImages.decode(bytes, options.maxPixels()));
    }

    private <T> T decoding(java.util.function.Supplier<T> work) {
        try {
            if (!decodes.tryAcquire(DECODE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw Unavailable.busy("the server is decoding as many images as it may ("
                        + options.maxDecodes() + ") and none finished within " + DECODE_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Unavailable.stopping();
        }
        try {
            return work.get();
        } finally {
            decodes.release();
        }
    }

    private static Prediction await(CompletableFuture<Prediction> future) {
        try {
            return future.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Unavailable.stopping();
        } catch (ExecutionException e) {
            // The batcher completes with exceptions that carry their answer: 503 or 500 with an id.
            if (e.getCause() instanceof RuntimeException answered) {
                throw answered;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw Unavailable.busy("no answer within " + ANSWER_TIMEOUT_SECONDS + " s");
        }
    }

    private static Map<String, Object> answer(Prediction prediction) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("digit", prediction.digit());
        body.put("probabilities", prediction.probabilities());
        return body;
    }

    /** Reads {"pixels": [...]} or {"batch": [[...], ...]}; returns whether it was a single image. */
    private static boolean readJson(byte[] body, List<float[]> images) {
        if (body.length == 0) {
            throw new BadRequest(400, "bad_json", "the body is empty; expected {\"pixels\": [784 numbers]}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "bad_json", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root != null && root.has("pixels")) {
            images.add(DigitImages.checkPixels(numbers(root.get("pixels"), "pixels")));
            return true;
        }
        if (root != null && root.has("batch") && root.get("batch").isArray() && root.get("batch").size() > 0) {
            int i = 0;
            for (JsonNode item : root.get("batch")) {
                images.add(DigitImages.checkPixels(numbers(item, "batch[" + i++ + "]")));
            }
            return false;
        }
        throw new BadRequest(400, "bad_json",
                "expected {\"pixels\": [784 numbers from 0 to 1]} or {\"batch\": [[784 numbers], ...]}");
    }

    private static float[] numbers(JsonNode node, String name) {
        if (node == null || !node.isArray()) {
            throw new BadRequest(400, "bad_json", name + " must be an array of 784 numbers");
        }
        float[] values = new float[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber()) {
                throw new BadRequest(400, "bad_pixels", name + "[" + i + "] is " + value + ", not a number");
            }
            values[i] = (float) value.asDouble();
        }
        return values;
    }

    private static byte[] read(UploadedFile file) {
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadRequest(400, "bad_request", "cannot read the uploaded file: " + e.getMessage());
        }
    }

    private static void fail(Context ctx, int status, String type, String message) {
        ctx.status(status).json(new ApiError(status, type, message));
    }

    private static void failure(Context ctx, String id) {
        ctx.status(500).json(new ApiError(500, "server_failure", "the server failed to answer; its log holds"
                + " the details under id " + id, id));
    }

    private static byte[] resource(String name) {
        try (InputStream in = DigitServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops taking requests, finishes those in flight, then frees the model. */
    @Override
    public void close() {
        logger.info("Stopping: no new requests, finishing those in flight");
        app.stop();
        batcher.close();
    }

    /** A client mistake with its status and type. */
    static final class BadRequest extends RuntimeException {
        final int status;
        final String type;

        BadRequest(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }
}
