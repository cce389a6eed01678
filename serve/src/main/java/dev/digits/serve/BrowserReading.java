package dev.digits.serve;

import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelFolderException;
import dev.digits.model.folder.OnnxExports;
import dev.digits.model.inference.DigitRecognizer;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the page needs to read drawings in the browser, at {@code GET /browser/{file}}: the page's
 * reading script, ONNX Runtime Web's files (put in the jar at build time from the npm registry,
 * {@code serve/src/build/onnxruntime-web.sh}) and the served model's ONNX export, read and checked
 * once when the server starts. Where either is missing the page reads on the server, and
 * {@link #describe()} says why.
 */
final class BrowserReading {

    /** Where the build put ONNX Runtime Web's files in the jar. */
    static final String RUNTIME = "/web/ort/";
    private static final String SCRIPT = "reading.js";
    private static final Map<String, String> RUNTIME_FILES = Map.of(
            "ort.wasm.min.js", "text/javascript",
            "ort-wasm-simd-threaded.mjs", "text/javascript",
            "ort-wasm-simd-threaded.wasm", "application/wasm");

    private static final Logger logger = LoggerFactory.getLogger(BrowserReading.class);

    private final String runtime;
    private final String runtimeVersion;
    private final String modelFile;
    private final byte[] model;
    private final String unavailable;

    private BrowserReading(String runtime, String runtimeVersion, String modelFile, byte[] model,
            String unavailable) {
        this.runtime = runtime;
        this.runtimeVersion = runtimeVersion;
        this.modelFile = modelFile;
        this.model = model;
        this.unavailable = unavailable;
    }

    /** The served model's export and the runtime files the build put in the jar, where there are both. */
    static BrowserReading of(DigitRecognizer recognizer) {
        return of(recognizer, RUNTIME);
    }

    /** The same with the runtime files under {@code runtime} in the jar: tests name a place without them. */
    static BrowserReading of(DigitRecognizer recognizer, String runtime) {
        String version = resourceText(runtime + "VERSION");
        if (version == null) {
            return new BrowserReading(runtime, null, null, null, "this server was built without ONNX Runtime Web"
                    + " (npm could not fetch it at build time)");
        }
        if (recognizer.metadata().onnx() == null) {
            return new BrowserReading(runtime, version, null, null, "the model has no ONNX export (digits export "
                    + recognizer.folder() + ")");
        }
        try {
            byte[] bytes = OnnxExports.read(new ModelFolder(recognizer.folder()), recognizer.metadata());
            return new BrowserReading(runtime, version, recognizer.metadata().onnx().file(), bytes, null);
        } catch (ModelFolderException e) {
            logger.warn("The page reads on the server: {}", e.getMessage());
            return new BrowserReading(runtime, version, null, null, e.getMessage());
        }
    }

    /** For {@code GET /models}: where the page finds the runtime and the model, or why it reads on the server. */
    Map<String, Object> describe() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("available", unavailable == null);
        if (unavailable == null) {
            body.put("runtime", "ONNX Runtime Web " + runtimeVersion);
            body.put("model", "browser/" + modelFile);
        } else {
            body.put("reason", unavailable);
        }
        return body;
    }

    /** {@code GET /browser/{file}}. */
    void serve(Context ctx) {
        String file = ctx.pathParam("file");
        if (file.equals(SCRIPT)) {
            ctx.contentType("text/javascript").result(resource("/web/" + SCRIPT));
        } else if (model != null && file.equals(modelFile)) {
            // Named after the weights' SHA-256: the same name is always the same file.
            ctx.header("Cache-Control", "public, max-age=31536000, immutable");
            ctx.contentType("application/octet-stream").result(model);
        } else if (runtimeVersion != null && RUNTIME_FILES.containsKey(file)) {
            ctx.contentType(RUNTIME_FILES.get(file)).result(resource(runtime + file));
        } else {
            throw new BadRequest(404, "not_found", "no file " + file + " here"
                    + (unavailable == null ? "" : ": " + unavailable));
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BrowserReading.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the jar");
        }
        return in;
    }

    private static String resourceText(String name) {
        try (InputStream in = BrowserReading.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
