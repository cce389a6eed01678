package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.digits.engine.DeviceChoice;
import dev.digits.engine.EngineName;
import dev.digits.engine.EngineRuntime;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.FileTrees;
import dev.digits.model.inference.DigitRecognizer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The page reads drawings in the browser with ONNX Runtime Web and the model's export: the same
 * digit as the server, with no request per stroke; without an export it reads on the server and says why.
 */
class BrowserReadingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern IMAGES_READ = Pattern.compile("digits_images_read_total ([0-9.E]+)");

    private static PageBrowser browser;

    @BeforeAll
    static void open() throws Exception {
        ServedModel.server();
        browser = PageBrowser.open();
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static double imagesRead() throws IOException {
        Matcher matcher = IMAGES_READ.matcher(ServedModel.server().metricsText());
        assertThat(matcher.find()).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void drawnDigitsReadTheSameInTheBrowserAsOnTheServerWithNoRequestPerStroke() throws IOException {
        if (!ServedModel.browserRuntimeBuilt()) {
            org.junit.jupiter.api.Assumptions.abort("the build could not fetch ONNX Runtime Web from npm");
        }
        browser.driver.get("http://127.0.0.1:" + ServedModel.server().port() + "/");
        browser.waiting().until(d -> browser.script("return window.digitsTimings.ready") != null);
        int same = 0;
        for (Map.Entry<String, int[][]> drawing : DrawnDigits.all().entrySet()) {
            browser.click("clear");
            browser.click("reader-browser");
            double before = imagesRead();
            for (int[] stroke : drawing.getValue()) {
                browser.stroke(stroke);
            }
            browser.awaitAnswer();
            assertThat(browser.text("reader")).startsWith("Read in this browser (ONNX Runtime Web 1.");
            String inBrowser = browser.text("answer");
            double inBrowserSure = sureness(browser.text("confidence"));
            float[] browserPixels = browser.seenPixels();
            // Every stroke and the drawing's end were read, and none of it was sent.
            assertThat(imagesRead()).isEqualTo(before);

            browser.click("reader-server");
            browser.waiting().until(d -> browser.text("reader").startsWith("Read by the server (PyTorch)"));
            String onServer = browser.text("answer");
            float[] serverPixels = browser.seenPixels();
            assertThat(imagesRead()).isEqualTo(before + 1);
            double largest = 0;
            for (int i = 0; i < serverPixels.length; i++) {
                largest = Math.max(largest, Math.abs(serverPixels[i] - browserPixels[i]));
            }
            System.out.printf(java.util.Locale.ROOT, "drawn %s: browser %s, server %s, largest pixel difference %.4f%n",
                    drawing.getKey(), inBrowser, onServer, largest);
            assertThat(onServer).as("a drawn " + drawing.getKey()).isEqualTo(inBrowser);
            // The same network: ONNX Runtime Web and PyTorch agree to the 0.1% the page shows.
            assertThat(sureness(browser.text("confidence"))).isCloseTo(inBrowserSure, within(0.11));
            // The same preprocessing: the pixels differ by rounding only (the page shows them in 1/255 steps).
            assertThat(largest).as("a drawn " + drawing.getKey()).isLessThanOrEqualTo(2 / 255.0 + 1e-6);
            same += drawing.getKey().equals(inBrowser) ? 1 : 0;
        }
        // The small test model reads most of them as drawn: the strokes are digits, not noise that agrees.
        assertThat(same).isGreaterThanOrEqualTo(4);
    }

    @Test
    void withoutItsExportTheModelIsReadOnTheServerAndThePageSaysWhy() throws Exception {
        Path copy = Files.createTempDirectory("digits-no-export");
        try (Stream<Path> files = Files.list(ServedModel.folder())) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().endsWith(".onnx")) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        }
        try (DigitRecognizer recognizer = DigitRecognizer.load(copy, ServedModel.runtime());
                DigitServer server = DigitServer.start(recognizer, ServerOptions.defaults().withPort(0))) {
            browser.driver.get("http://127.0.0.1:" + server.port() + "/");
            browser.waiting().until(d -> browser.text("model").contains("on PyTorch"));
            assertThat(browser.driver.findElement(By.id("reader-browser")).isEnabled()).isFalse();
            browser.stroke(DrawnDigits.all().get("1")[0]);
            browser.awaitAnswer();
            assertThat(browser.text("answer")).isEqualTo("1");
            assertThat(browser.text("reader")).startsWith("Read by the server (PyTorch): cannot read")
                    .contains("digits export");
        } finally {
            FileTrees.delete(copy);
        }
    }

    @Test
    void theServerServesTheRuntimeAndTheExportAndSaysWhenItHasNeither() throws Exception {
        BrowserReading without = BrowserReading.of(ServedModel.recognizer(), "/nowhere/");
        assertThat(without.describe()).containsEntry("available", false);
        assertThat((String) without.describe().get("reason")).contains("built without ONNX Runtime Web");
        if (!ServedModel.browserRuntimeBuilt()) {
            return;
        }
        Map<String, Object> with = BrowserReading.of(ServedModel.recognizer()).describe();
        assertThat(with).containsEntry("available", true);
        String model = (String) with.get("model");
        assertThat(model).matches("browser/model-[0-9a-f]{8}\\.onnx");
        HttpResponse<byte[]> onnx = get(model);
        assertThat(onnx.statusCode()).isEqualTo(200);
        assertThat(onnx.body()).isEqualTo(Files.readAllBytes(ServedModel.folder().resolve(model.substring(8))));
        HttpResponse<byte[]> wasm = get("browser/ort-wasm-simd-threaded.wasm");
        assertThat(wasm.headers().firstValue("Content-Type")).hasValue("application/wasm");
        assertThat(wasm.body()).startsWith((byte) 0, (byte) 'a', (byte) 's', (byte) 'm');
        assertThat(get("browser/ort-wasm-simd-threaded.mjs").headers().firstValue("Content-Type")).get()
                .asString().startsWith("text/javascript");
        // Only the files the page needs: not the jar's other resources, not the folder's other files.
        for (String other : new String[] {"browser/VERSION", "browser/logback.xml", "browser/serving.properties",
            "browser/..%2Flogback.xml", "browser/model-00000000.onnx"}) {
            assertThat(get(other).statusCode()).as(other).isEqualTo(404);
        }
    }

    /** A server on ONNX Runtime hands the page the very export it runs. */
    @Test
    void onOnnxRuntimeThePageGetsTheExportTheServerRuns() throws Exception {
        Path folder = ServedModel.folder();
        try (DigitRecognizer onnx = DigitRecognizer.load(folder, EngineRuntime.activate(
                new EngineSelection(EngineName.ONNX_RUNTIME, DeviceChoice.cpu())))) {
            assertThat(onnx.engineName()).isEqualTo("OnnxRuntime");
            assertThat(onnx.folder()).isEqualTo(folder);
            Map<String, Object> described = BrowserReading.of(onnx, "/nowhere/").describe();
            assertThat((String) described.get("reason")).contains("built without ONNX Runtime Web");
            if (ServedModel.browserRuntimeBuilt()) {
                assertThat(BrowserReading.of(onnx).describe()).containsEntry("available", true)
                        .containsEntry("model", "browser/" + onnx.metadata().onnx().file());
            }
        } finally {
            // PyTorch stays the other tests' engine.
            ServedModel.runtime();
        }
    }

    private static double sureness(String confidence) {
        return Double.parseDouble(confidence.replaceAll("[^0-9.]", ""));
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ServedModel.server().port() + "/"
                + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
