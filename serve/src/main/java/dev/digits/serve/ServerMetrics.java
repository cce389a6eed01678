package dev.digits.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What the server counts, in Micrometer's Prometheus registry, for {@code GET /metrics}: requests
 * by route and status with their latency, the batcher's queue wait, batch sizes and queue length,
 * refusals by reason, images read, and how long the model took to load.
 */
final class ServerMetrics implements PredictionBatcher.Listener {

    /** Routes are tagged by their pattern; anything else as one value, so that scanners add no series. */
    private static final String UNMATCHED = "unmatched";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> routes;
    private final Timer queueWait;
    private final DistributionSummary batchSize;
    private final Counter images;
    private volatile double modelLoadSeconds = Double.NaN;

    ServerMetrics(Set<String> routes, IntSupplier queued) {
        this.routes = routes;
        this.queueWait = Timer.builder("digits.batch.queue.wait").description("Time an image waited for its pass")
                .publishPercentileHistogram().register(registry);
        this.batchSize = DistributionSummary.builder("digits.batch.size").description("Images in a forward pass")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024).register(registry);
        this.images = Counter.builder("digits.images.read").description("Images given to the network")
                .register(registry);
        Gauge.builder("digits.batch.queue.images", queued::getAsInt).description("Images waiting for a pass")
                .register(registry);
        Gauge.builder("digits.model.load.seconds", () -> modelLoadSeconds)
                .description("How long loading the model took").register(registry);
    }

    /** One answered request. */
    void request(String method, String route, int status, Duration took) {
        String tag = routes.contains(method + " " + route) ? route : UNMATCHED;
        Timer.builder("digits.http.requests").description("HTTP requests by route and status")
                .tags("method", method, "route", tag, "status", Integer.toString(status))
                .publishPercentileHistogram().register(registry).record(took);
    }

    /** A request refused for a reason of its own or of the server's (busy, too_large, too_slow, ...). */
    void rejected(String reason) {
        Counter.builder("digits.rejections").description("Requests refused, by reason").tag("reason", reason)
                .register(registry).increment();
    }

    void imagesRead(int count) {
        images.increment(count);
    }

    void modelLoaded(Duration took) {
        modelLoadSeconds = took.toNanos() / 1e9;
    }

    @Override
    public void passStarting(int count, long[] waitedNanos) {
        batchSize.record(count);
        for (long waited : waitedNanos) {
            queueWait.record(waited, TimeUnit.NANOSECONDS);
        }
    }

    /** Everything, in Prometheus's text format. */
    String scrape() {
        return registry.scrape();
    }
}
