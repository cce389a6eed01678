import dev.digits.engine.EngineRuntime;
import dev.digits.model.folder.ModelFolder;
import dev.digits.model.folder.ModelMetadata;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.inference.Prediction;
import dev.digits.model.inference.Workload;
import dev.digits.onnx.OnnxExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exported ONNX model beside the folder's network on the whole MNIST test set: the largest
 * difference of any probability, and the images whose answers differ. The network is read through
 * DigitRecognizer (the served path, on the engine chosen as digits chooses it); the ONNX file through
 * ONNX Runtime's own Java API.
 *
 * <p>Usage: java -cp 'app/target/lib/*:app/target/digits.jar' bench/OnnxAgreement.java MODEL_DIR MNIST_DIR
 * (after {@code digits export MODEL_DIR})
 */
public class OnnxAgreement {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        ModelMetadata metadata = new ModelFolder(folder).readMetadata();
        if (metadata.onnx() == null) {
            throw new IllegalArgumentException(folder + " has no ONNX export; run: digits export " + folder);
        }
        byte[] onnx = Files.readAllBytes(folder.resolve(metadata.onnx().file()));
        byte[] images = Files.readAllBytes(Path.of(args[1], "test_data"));
        int count = (images.length - 16) / 784;
        double largest = 0;
        int differ = 0;
        try (DigitRecognizer recognizer = DigitRecognizer.builder(folder)
                .optRuntime(EngineRuntime.activateFromEnvironment()).optWorkload(Workload.BATCHES).build()) {
            for (int from = 0; from < count; from += 500) {
                int n = Math.min(500, count - from);
                float[] flat = new float[n * 784];
                List<float[]> pixels = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    float[] digit = new float[784];
                    for (int p = 0; p < 784; p++) {
                        digit[p] = (images[16 + (from + i) * 784 + p] & 0xFF) / 255f;
                    }
                    pixels.add(digit);
                    System.arraycopy(digit, 0, flat, i * 784, 784);
                }
                List<Prediction> djl = recognizer.predictPixels(pixels);
                float[][] ort = OnnxExport.run(onnx, flat);
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int d = 0; d < 10; d++) {
                        largest = Math.max(largest, Math.abs(djl.get(i).probabilities()[d] - ort[i][d]));
                        best = ort[i][d] > ort[i][best] ? d : best;
                    }
                    differ += best == djl.get(i).digit() ? 0 : 1;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s (%s): %d test images, largest probability difference %.2e, %d answers"
                + " differ%n", folder, metadata.architecture(), count, largest, differ);
    }
}
