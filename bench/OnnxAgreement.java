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
        float[] all = new float[count * 784];
        for (int i = 0; i < all.length; i++) {
            all[i] = (images[16 + i] & 0xFF) / 255f;
        }
        // One ONNX Runtime session for the whole set.
        float[][] ort = OnnxExport.run(onnx, all);
        double largest = 0;
        int differ = 0;
        try (DigitRecognizer recognizer = DigitRecognizer.builder(folder)
                .optRuntime(EngineRuntime.activateFromEnvironment()).optWorkload(Workload.BATCHES).build()) {
            for (int from = 0; from < count; from += 500) {
                int n = Math.min(500, count - from);
                List<float[]> pixels = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    pixels.add(java.util.Arrays.copyOfRange(all, (from + i) * 784, (from + i + 1) * 784));
                }
                List<Prediction> djl = recognizer.predictPixels(pixels);
                for (int i = 0; i < n; i++) {
                    float[] exported = ort[from + i];
                    int best = 0;
                    for (int d = 0; d < 10; d++) {
                        largest = Math.max(largest, Math.abs(djl.get(i).probabilities()[d] - exported[d]));
                        best = exported[d] > exported[best] ? d : best;
                    }
                    differ += best == djl.get(i).digit() ? 0 : 1;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s (%s): %d test images, largest probability difference %.2e, %d answers"
                + " differ%n", folder, metadata.architecture(), count, largest, differ);
    }
}
