package dev.digits.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digits.model.image.DigitImages;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.MultiPartFormInputStream;

/**
 * A request's images as it sent them, read within the server's limits before anything is decoded:
 * the body, whatever its framing (with or without Content-Length, a form or not), is read no
 * further than the body limit and dropped if it arrives slower than the minimum rate; a JSON
 * body is parsed within a token budget that its images need, never into a tree larger than
 * that; and a request holds at most the images limit.
 */
final class RequestImages {

    /** Tokens of one image in JSON: 784 numbers and the brackets around them, with room to spare. */
    private static final long TOKENS_PER_IMAGE = DigitImages.PIXELS + 4;

    private final ServerOptions options;
    private final ObjectMapper json;

    RequestImages(ServerOptions options) {
        this.options = options;
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(4)
                // One image more than a request may hold: that one is refused by count, by name.
                .maxTokenCount(TOKENS_PER_IMAGE * (options.maxImages() + 1L) + 16)
                .maxNumberLength(64)
                .maxStringLength(1024)
                .build()).build();
        this.json = new ObjectMapper(factory);
    }

    /** What a request sent: encoded images, or pixels; single when it sent one image, not a batch. */
    record Sent(List<byte[]> encoded, List<float[]> pixels, boolean single) {
        int count() {
            return encoded.size() + pixels.size();
        }
    }

    /** The images of a POST /predictions body: an image, a form of image files, or JSON pixels. */
    Sent predictions(Context ctx) {
        String type = contentType(ctx);
        if (type.startsWith("multipart/form-data")) {
            List<byte[]> files = files(ctx);
            if (files.isEmpty()) {
                throw new BadRequest(400, "bad_request", "the form has no file: upload the image as a file field");
            }
            return new Sent(files, List.of(), files.size() == 1);
        }
        if (type.startsWith("application/json")) {
            List<float[]> pixels = new ArrayList<>();
            boolean single = readJson(body(ctx), pixels);
            return new Sent(List.of(), pixels, single);
        }
        if (type.startsWith("image/") || type.equals("application/octet-stream")) {
            return new Sent(List.of(body(ctx)), List.of(), true);
        }
        throw new BadRequest(415, "unsupported_media_type", "Content-Type '" + ctx.contentType()
                + "' is not accepted: send an image (image/png, image/jpeg, ...), multipart/form-data"
                + " or application/json");
    }

    /** The one image of a POST /numbers body: an image, or a form with one image file. */
    byte[] number(Context ctx) {
        String type = contentType(ctx);
        if (type.startsWith("multipart/form-data")) {
            List<byte[]> files = files(ctx);
            if (files.size() != 1) {
                throw new BadRequest(400, "bad_request", "the form has " + files.size()
                        + " files: send one image of a number");
            }
            return files.get(0);
        }
        if (type.startsWith("image/") || type.equals("application/octet-stream")) {
            return body(ctx);
        }
        throw new BadRequest(415, "unsupported_media_type", "Content-Type '" + ctx.contentType()
                + "' is not accepted here: send an image of a number (image/png, image/jpeg, ...) or"
                + " multipart/form-data with one image file");
    }

    /** The content type in lower case, once an announced length is within the limit. */
    private String contentType(Context ctx) {
        long announced = ctx.contentLength();
        if (announced > options.maxBodyBytes()) {
            throw BadRequest.tooLarge("the body has " + announced + " bytes; at most " + options.maxBodyBytes()
                    + " are accepted");
        }
        return ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    }

    /**
     * The body, read no further than the limit, whether or not its length was announced, and no
     * slower than the minimum rate once a grace period has passed: a small body arrives within
     * it whatever the network, and a trickle is dropped, holding a thread for at most the grace
     * period and one read (Jetty's idle timeout).
     */
    private byte[] body(Context ctx) {
        long limit = options.maxBodyBytes();
        long started = System.nanoTime();
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                if (body.size() + (long) read > limit) {
                    throw BadRequest.tooLarge("the body is larger than the " + limit + " bytes accepted");
                }
                body.write(chunk, 0, read);
                checkRate(body.size(), System.nanoTime() - started);
            }
            return body.toByteArray();
        } catch (IOException e) {
            throw new BadRequest(400, "bad_request", "the body could not be read: " + e.getMessage());
        }
    }

    /** How long any body may take before the rate counts. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private void checkRate(long received, long elapsedNanos) {
        long rate = options.minUploadBytesPerSecond();
        if (rate > 0 && elapsedNanos > GRACE_NANOS
                && received < rate * (elapsedNanos - GRACE_NANOS) / TimeUnit.SECONDS.toNanos(1)) {
            throw new BadRequest(408, "too_slow", "the body arrived slower than the " + rate
                    + " bytes/s the server waits for (" + received + " bytes in "
                    + TimeUnit.NANOSECONDS.toMillis(elapsedNanos) + " ms)");
        }
    }

    /** The files of a multipart form, read as any other body is, then parsed. */
    private List<byte[]> files(Context ctx) {
        byte[] body = body(ctx);
        MultipartConfigElement config = new MultipartConfigElement(System.getProperty("java.io.tmpdir"),
                options.maxBodyBytes(), options.maxBodyBytes(), (int) Math.min(Integer.MAX_VALUE, options.maxBodyBytes()));
        MultiPartFormInputStream form = new MultiPartFormInputStream(new ByteArrayInputStream(body), ctx.contentType(),
                config, null, options.maxImages() + 1);
        try {
            List<Part> files = new ArrayList<>();
            for (Part part : form.getParts()) {
                if (part.getSubmittedFileName() != null) {
                    files.add(part);
                }
            }
            checkCount(files.size());
            List<byte[]> contents = new ArrayList<>(files.size());
            for (Part file : files) {
                try (InputStream in = file.getInputStream()) {
                    contents.add(in.readAllBytes());
                }
            }
            return contents;
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadRequest bad) {
                throw bad;
            }
            if (String.valueOf(e.getMessage()).contains("maxParts")) {
                throw BadRequest.tooLarge("the form has more than " + options.maxImages() + " parts; at most "
                        + options.maxImages() + " images are read in one request");
            }
            throw new BadRequest(400, "bad_request", "the multipart form cannot be read: " + e.getMessage());
        } finally {
            form.deleteParts();
        }
    }

    private void checkCount(int images) {
        if (images > options.maxImages()) {
            throw BadRequest.tooLarge("the request holds " + images + " images; at most " + options.maxImages()
                    + " are read in one request");
        }
    }

    /** Reads {"pixels": [...]} or {"batch": [[...], ...]}; returns whether it was a single image. */
    private boolean readJson(byte[] body, List<float[]> images) {
        if (body.length == 0) {
            throw new BadRequest(400, "bad_json", "the body is empty; expected {\"pixels\": [784 numbers]}");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (StreamConstraintsException e) {
            throw BadRequest.tooLarge("the JSON holds more values than " + options.maxImages() + " images have, or is"
                    + " nested too deeply; at most " + options.maxImages() + " images are read in one request ("
                    + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "bad_json", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest(400, "bad_json", "the body cannot be read as JSON: " + e.getMessage());
        }
        if (root != null && root.has("pixels")) {
            images.add(DigitImages.checkPixels(numbers(root.get("pixels"), "pixels")));
            return true;
        }
        if (root != null && root.has("batch") && root.get("batch").isArray() && root.get("batch").size() > 0) {
            checkCount(root.get("batch").size());
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
}
