package dev.digits.serve;

import dev.digits.model.image.DigitImages;
import dev.digits.model.image.ImageDecoder;
import dev.digits.model.inference.AnswerFields;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.NumberReading;
import dev.digits.model.inference.Prediction;
import dev.digits.model.inference.PredictionInterruptedException;
import dev.digits.model.inference.RecognizerBusyException;
import dev.digits.model.inference.RecognizerClosedException;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP prediction server: the routes of {@link #ROUTES}, described for clients at
 * {@code GET /openapi.json}.
 *
 * <ul>
 *   <li>{@code POST /predictions}: an image body ({@code image/png}, {@code image/jpeg}, ...), a
 *       multipart form with one or more image files, or JSON {@code {"pixels": [784 numbers]}} or
 *       {@code {"batch": [[784 numbers], ...]}}. One image answers {@code {"digit", "confidence", "probabilities"}},
 *       several answer a list of them.
 *   <li>{@code POST /numbers}: an image body or a multipart form with one image file of a
 *       handwritten number; answers {@code {"number", "confidence", "digits": [{"digit",
 *       "confidence", "box": [x, y, w, h]}]}}.
 *   <li>{@code GET /ping} (the process answers), {@code GET /ready} (the model is loaded and has
 *       answered once), {@code GET /models}, {@code GET /metrics} (Prometheus), {@code GET /}: a
 *       page to draw a digit on, and {@code GET /browser/{file}}: what it reads with in the browser.
 * </ul>
 *
 * <p>Every client mistake answers 4xx with {@link ApiError} JSON; overload and shutdown answer
 * 503 with {@code Retry-After}; a failure of the server or the engine answers 500 with an id that
 * the log holds with the details. The server stays up. A request's work is bounded before it is
 * done: its body ({@link RequestImages}), its images, its share of the decoders and of the
 * batcher's queue. POSTs from a page of another origin are refused: any site the user visits
 * could otherwise make the browser send work to a server on 127.0.0.1.
 */
public final class DigitServer implements AutoCloseable {

    /** Every route, as "METHOD /path": registered, tagged in the metrics and documented. */
    static final List<String> ROUTES = List.of("GET /", "GET /ping", "GET /ready", "GET /models", "GET /metrics",
            "GET /openapi.json", "GET /browser/{file}", "POST /predictions", "POST /numbers");

    private static final Logger logger = LoggerFactory.getLogger(DigitServer.class);
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final DigitRecognizer recognizer;
    private final ServerOptions options;
    private final PredictionBatcher batcher;
    private final ServerMetrics metrics;
    private final RequestImages requestImages;
    private final Javalin app;
    private final byte[] page;
    private final byte[] openApi;
    private final BrowserReading browser;
    private final DecodingTurns decoding;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean ready;

    private DigitServer(DigitRecognizer recognizer, Function<List<float[]>, List<Prediction>> forward,
            ServerOptions options) {
        this.recognizer = recognizer;
        this.options = options;
        this.decoding = new DecodingTurns(options.maxDecodes());
        PredictionBatcher.Listener[] listener = new PredictionBatcher.Listener[1];
        this.batcher = new PredictionBatcher(forward, options.maxBatch(), options.maxWaitMillis(),
                recognizer.poolSize(), options.maxQueued(), (images, waited) -> listener[0].passStarting(images, waited));
        this.metrics = new ServerMetrics(new LinkedHashSet<>(ROUTES), batcher::queued);
        listener[0] = metrics;
        this.requestImages = new RequestImages(options);
        this.page = resource("/web/index.html");
        this.openApi = resource("/api/openapi.json");
        this.browser = BrowserReading.of(recognizer);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setStopTimeout(TimeUnit.SECONDS.toMillis(ANSWER_TIMEOUT_SECONDS)));
            config.requestLogger.http((ctx, millis) -> metrics.request(ctx.method().name(), route(ctx),
                    ctx.statusCode(), Duration.ofNanos((long) (millis * 1e6))));
        });
        app.before(new SameOrigin());
        app.get("/", ctx -> ctx.contentType(ContentType.TEXT_HTML).result(page));
        app.get("/ping", ctx -> ctx.json(Map.of("status", "ok", "requestsInFlight", inFlight.get())));
        app.get("/ready", this::readiness);
        app.get("/models", this::models);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/openapi.json", ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(openApi));
        app.get("/browser/{file}", browser::serve);
        app.post("/predictions", this::predictions);
        app.post("/numbers", this::numbers);
        ErrorAnswers.install(app, metrics, options);
    }

    /** The route pattern a request matched, or "" when it matched none (Javalin has no endpoint then). */
    private static String route(Context ctx) {
        try {
            return ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            return "";
        }
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
        Thread warmUp = new Thread(server::warmUp, "digits-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** What {@code GET /metrics} answers now. */
    String metricsText() {
        return metrics.scrape();
    }

    /** Records how long loading the model took, for {@code GET /metrics}. */
    public void modelLoaded(Duration took) {
        metrics.modelLoaded(took);
    }

    /** One pass through the batcher, as a request's: the first real request then finds the engine warm. */
    private void warmUp() {
        float[] stroke = new float[DigitImages.PIXELS];
        for (int y = 6; y < 22; y++) {
            stroke[y * 28 + 14] = 1f;
        }
        try (PredictionBatcher.Arrival arrival = batcher.expect()) {
            arrival.submit(List.of(stroke)).get(0).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ready = true;
            logger.info("Ready: the model answered its first pass");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            logger.error("The warm-up pass failed; /ready stays 503", e);
        }
    }

    private void readiness(Context ctx) {
        if (ready) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.header("Retry-After", "1");
            ErrorAnswers.fail(ctx, 503, "not_ready", "the model has not answered its first pass yet");
        }
    }

    private void models(Context ctx) {
        ctx.json(List.of(ModelDescription.of(recognizer, browser)));
    }

    private void predictions(Context ctx) {
        inFlight.incrementAndGet();
        try {
            // The body is read first: a batch waits for requests being decoded, not for uploads.
            RequestImages.Sent sent = requestImages.predictions(ctx);
            batcher.checkRoom(sent.count());
            List<float[]> pixels = new ArrayList<>(sent.count());
            List<CompletableFuture<Prediction>> futures;
            try (PredictionBatcher.Arrival arrival = batcher.expect()) {
                pixels.addAll(sent.pixels());
                for (byte[] image : sent.encoded()) {
                    pixels.add(decoding.run(() -> DigitImages.toMnistPixels(ImageDecoder.decode(image, options.maxPixels()))));
                }
                futures = arrival.submit(pixels);
            }
            metrics.imagesRead(pixels.size());
            List<Prediction> predictions = awaitAll(futures);
            boolean withPixels = wantsPixels(ctx);
            List<Map<String, Object>> answers = new ArrayList<>(predictions.size());
            for (int i = 0; i < predictions.size(); i++) {
                Map<String, Object> answer = AnswerFields.digit(predictions.get(i));
                if (withPixels) {
                    answer.put(AnswerFields.PIXELS, pixels.get(i));
                }
                answers.add(answer);
            }
            ctx.json(sent.single() ? answers.get(0) : answers);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Reads the handwritten number in one image: a forward pass of its own, of its candidate digits. */
    private void numbers(Context ctx) {
        inFlight.incrementAndGet();
        try {
            byte[] bytes = requestImages.number(ctx);
            // Decoding, cutting into digits and the pass: all of it holds one of the decoders' turns.
            NumberReading reading = decoding.run(() -> {
                try {
                    return recognizer.readNumber(ImageDecoder.decode(bytes, options.maxPixels()));
                } catch (RecognizerBusyException e) {
                    throw Unavailable.busy(e.getMessage());
                } catch (RecognizerClosedException | PredictionInterruptedException e) {
                    throw Unavailable.stopping();
                }
            });
            metrics.imagesRead(1);
            ctx.json(AnswerFields.number(reading, true, wantsPixels(ctx)));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** {@code ?pixels=true}: each answer also holds the 784 pixels the network read, as the page shows them. */
    private static boolean wantsPixels(Context ctx) {
        return "true".equalsIgnoreCase(ctx.queryParam("pixels"));
    }

    /**
     * The answers of a request's images; a request that stops waiting takes its images out of the
     * queue, so that no pass computes what no one will read.
     */
    private static List<Prediction> awaitAll(List<CompletableFuture<Prediction>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw Unavailable.stopping();
        } catch (TimeoutException e) {
            futures.forEach(f -> f.cancel(false));
            throw Unavailable.busy("no answer within " + ANSWER_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            // Reported below, for the first image that failed.
        }
        List<Prediction> predictions = new ArrayList<>(futures.size());
        for (CompletableFuture<Prediction> future : futures) {
            try {
                predictions.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Unavailable.stopping();
            } catch (ExecutionException e) {
                // The batcher completes with exceptions that carry their answer: 503 or 500 with an id.
                if (e.getCause() instanceof RuntimeException answered) {
                    throw answered;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return predictions;
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
}
