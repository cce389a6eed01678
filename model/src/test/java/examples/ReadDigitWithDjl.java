package examples;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.DeferredTranslatorFactory;
import java.nio.file.Path;

public class ReadDigitWithDjl {
    public static void main(String[] args) throws Exception {
        Criteria<Image, Classifications> criteria = Criteria.builder()
                .setTypes(Image.class, Classifications.class)
                .optModelPath(Path.of(args[0]))
                // Use the translator the folder's serving.properties names.
                .optTranslatorFactory(new DeferredTranslatorFactory())
                .build();
        try (ZooModel<Image, Classifications> model = criteria.loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            Image image = ImageFactory.getInstance().fromFile(Path.of(args[1]));
            Classifications.Classification best = predictor.predict(image).best();
            System.out.printf("%s (%.1f%%)%n", best.getClassName(), best.getProbability() * 100);
        }
    }
}
