package dev.digits.serve;

import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.inference.DigitRecognizer;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /models}: what the server serves, the model and the engine it runs on. */
final class ModelDescription {

    private ModelDescription() {}

    static Map<String, Object> of(DigitRecognizer recognizer, BrowserReading browser) {
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
        body.put("browser", browser.describe());
        return body;
    }
}
