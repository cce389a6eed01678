import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes COUNT PNG digits made from the MNIST test images into FOLDER, 1,000 per subfolder: the
 * 10,000 test images as they are, then again dark on light (as scans are), and so on.
 *
 * <p>Usage: java bench/DigitPngs.java MNIST_FOLDER COUNT FOLDER
 */
public class DigitPngs {
    public static void main(String[] args) throws Exception {
        byte[] images = Files.readAllBytes(Path.of(args[0], "test_data"));
        int count = Integer.parseInt(args[1]);
        Path folder = Path.of(args[2]);
        int available = (images.length - 16) / 784;
        for (int i = 0; i < count; i++) {
            int source = i % available;
            boolean inverted = (i / available) % 2 == 1;
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                int ink = images[16 + source * 784 + p] & 0xFF;
                image.getRaster().setSample(p % 28, p / 28, 0, inverted ? 255 - ink : ink);
            }
            Path file = folder.resolve(String.format("part-%02d/digit-%05d.png", i / 1000, i));
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        }
    }
}
