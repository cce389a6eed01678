import dev.digits.model.inference.DigitRecognizer;
import dev.digits.serve.DigitServer;
import dev.digits.serve.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Writes the kind {@code page-strokes}: MNIST digits' strokes (Strokes) drawn with the mouse on the
 * project's own page in headless Chromium, with its thin and thick pens, each saved as the PNG
 * the page sends (its canvas). The page is served by digits-serve in this JVM, on any model
 * folder: what the page draws does not depend on the model.
 *
 * <p>Usage: java -cp ... PageDrawings MODEL_DIR SOURCES_DIR MNIST_DIR OUT_DIR
 */
public final class PageDrawings {

    public static void main(String[] args) throws Exception {
        DigitSources sources = new DigitSources(Path.of(args[1]), Path.of(args[2]));
        Path out = Path.of(args[3]).resolve("page-strokes");
        Path profile = Files.createTempDirectory("digits-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=900,700", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        try (DigitRecognizer recognizer = DigitRecognizer.load(Path.of(args[0]));
                DigitServer server = DigitServer.start(recognizer, ServerOptions.defaults().withPort(0))) {
            ChromeDriver browser = new ChromeDriver(service, options);
            try {
                browser.get("http://127.0.0.1:" + server.port() + "/");
                for (int half = 0; half < 2; half++) {
                    Random random = new Random(5000 + half);
                    List<DigitSources.Digit> digits = sources.mnist(half, ReadingKinds.PER_HALF);
                    for (int n = 0; n < digits.size(); n++) {
                        Strokes strokes = Strokes.of(digits.get(n).ink());
                        if (strokes.lines.isEmpty()) {
                            continue;
                        }
                        boolean thin = random.nextBoolean();
                        byte[] png = draw(browser, strokes, thin, random);
                        Path file = out.resolve(Path.of(ReadingKinds.HALVES[half],
                                String.valueOf(digits.get(n).label()), String.format(Locale.ROOT, "%05d.png", n)));
                        Files.createDirectories(file.getParent());
                        Files.write(file, png);
                    }
                    System.out.printf(Locale.ROOT, "%-16s %-4s %5d images%n", "page-strokes",
                            ReadingKinds.HALVES[half], digits.size());
                }
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * Clears the pad, picks the pen, draws each line as a drag of Chromium's own mouse (input
     * events through DevTools: Selenium's mouse moved too slowly for a thousand digits), and
     * returns the canvas as the page sends it.
     */
    @SuppressWarnings("unchecked")
    static byte[] draw(ChromeDriver browser, Strokes strokes, boolean thin, Random random) {
        browser.findElement(By.id("clear")).click();
        browser.findElement(By.id(thin ? "pen-thin" : "pen-thick")).click();
        List<Number> box = (List<Number>) browser.executeScript("const pad = document.getElementById('pad');"
                + "const r = pad.getBoundingClientRect(); return [r.left, r.top, r.width / pad.width];");
        double originX = box.get(0).doubleValue();
        double originY = box.get(1).doubleValue();
        double css = box.get(2).doubleValue();
        // A digit 150 to 230 pixels tall on the 560x280 pad, somewhere near its middle.
        double size = 150 + 80 * random.nextDouble();
        double left = 280 - size / 2 + (random.nextDouble() - 0.5) * 160;
        double top = 140 - size / 2 + (random.nextDouble() - 0.5) * 30;
        double scale = size / 28;
        for (List<double[]> line : strokes.lines) {
            for (int i = 0; i < line.size(); i++) {
                String type = i == 0 ? "mousePressed" : "mouseMoved";
                mouse(browser, type, originX + (left + line.get(i)[0] * scale) * css,
                        originY + (top + line.get(i)[1] * scale) * css);
            }
            double[] last = line.get(line.size() - 1);
            mouse(browser, "mouseReleased", originX + (left + last[0] * scale) * css,
                    originY + (top + last[1] * scale) * css);
        }
        String url = (String) browser.executeScript("return document.getElementById('pad').toDataURL('image/png');");
        return Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    }

    private static void mouse(ChromeDriver browser, String type, double x, double y) {
        browser.executeCdpCommand("Input.dispatchMouseEvent", java.util.Map.of("type", type, "x", x, "y", y,
                "button", "left", "buttons", type.equals("mouseReleased") ? 0 : 1, "clickCount", 1));
    }
}
