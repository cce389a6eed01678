package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.model.folder.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The draw-a-digit page in a real headless Chromium: draw, predict, see the answer. */
class DrawPageTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("digits.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("digits.chromedriver", "/usr/bin/chromedriver"));

    private static WebDriver browser;
    private static Path profile;
    private static String base;

    @BeforeAll
    static void open() throws Exception {
        // CI installs Debian's chromium and chromium-driver (.ci/run); elsewhere the test needs them too.
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        base = "http://127.0.0.1:" + ServedModel.server().port() + "/";
        profile = Files.createTempDirectory("digits-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=900,700",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileTrees.delete(profile);
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** A stroke through points given relative to the pad's centre, in CSS pixels. */
    private static void stroke(WebElement pad, int... points) {
        Actions actions = new Actions(browser).moveToElement(pad, points[0], points[1]).clickAndHold();
        for (int i = 2; i < points.length; i += 2) {
            actions.moveByOffset(points[i] - points[i - 2], points[i + 1] - points[i - 1]);
        }
        actions.release().perform();
    }

    @Test
    void drawingAStrokeShowsADigitWhatTheNetworkSawAndTenBars() {
        browser.get(base);
        WebElement pad = browser.findElement(By.id("pad"));
        waiting().until(driver -> text("model").contains("seed-cnn on PyTorch"));
        assertThat(text("model")).containsPattern("\\d+\\.\\d\\d% on the MNIST test set");
        // A vertical stroke down the middle: a one.
        stroke(pad, 0, -90, 0, -45, 0, 0, 0, 45, 0, 90);
        waiting().until(driver -> !text("answer").isBlank());
        assertThat(text("answer")).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("#bars .bar"))).hasSize(10);
        assertThat(browser.findElements(By.cssSelector("#seen canvas"))).hasSize(1);
        assertThat(text("error")).isEmpty();

        // An empty pad has nothing to read: the page says so instead of guessing.
        browser.findElement(By.id("clear")).click();
        assertThat(text("answer")).isEmpty();
        browser.findElement(By.id("predict")).click();
        waiting().until(driver -> !text("error").isBlank());
        assertThat(text("error")).contains("blank");
        assertThat(text("answer")).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#bars .bar"))).isEmpty();
    }

    /** Draws a 7 (its bar and its diagonal) with the pen chosen, and returns the answer and how sure it is. */
    private static String[] sevenWith(String pen) {
        browser.get(base);
        waiting().until(driver -> text("model").contains("on PyTorch"));
        browser.findElement(By.id(pen)).click();
        WebElement pad = browser.findElement(By.id("pad"));
        stroke(pad, -60, -95, -20, -97, 20, -98, 55, -95);
        stroke(pad, 55, -95, 35, -45, 15, 5, -5, 55, -20, 95);
        // The answer to the whole drawing: the page says when it is in.
        waiting().until(driver -> "false".equals(browser.findElement(By.id("answer")).getAttribute("aria-busy"))
                && !text("answer").isBlank());
        return new String[] {text("answer"), text("confidence")};
    }

    @Test
    void aDigitDrawnWithAThinPenReadsAsSurelyAsWithAThickOne() {
        String[] thick = sevenWith("pen-thick");
        String[] thin = sevenWith("pen-thin");
        System.out.printf("a 7 drawn thick: %s, %s; thin: %s, %s%n", thick[0], thick[1], thin[0], thin[1]);
        assertThat(thick[0]).isEqualTo("7");
        assertThat(thin[0]).isEqualTo("7");
        assertThat(sureness(thin[1])).isGreaterThanOrEqualTo(0.9 * sureness(thick[1]));
    }

    private static double sureness(String confidence) {
        return Double.parseDouble(confidence.replaceAll("[^0-9.]", ""));
    }

    @Test
    void drawingFortyTwoReadsFortyTwo() {
        browser.get(base);
        browser.findElement(By.id("mode-number")).click();
        WebElement pad = browser.findElement(By.id("pad"));
        // A 4: its left arm and bar in one stroke, then the upright through the bar.
        stroke(pad, -215, -90, -225, -40, -235, 10, -200, 10, -155, 10);
        stroke(pad, -180, -90, -180, -30, -180, 30, -180, 90);
        // A 2: the hook, the diagonal, the base.
        stroke(pad, 35, -55, 55, -80, 85, -88, 110, -70, 112, -40, 95, -5, 65, 35, 35, 80, 75, 82, 125, 82);
        waiting().until(driver -> text("answer").equals("42"));
        assertThat(browser.findElements(By.cssSelector("#seen canvas"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#bars .bar"))).hasSize(10);
        assertThat(text("confidence")).endsWith("% sure");
    }

    @Test
    void anUploadedPngIsRead() throws Exception {
        browser.get(base);
        int[] labels = new int[8];
        float[][] digits = ServedModel.testImages(8, labels);
        Path file = Files.createTempFile("digit", ".png");
        javax.imageio.ImageIO.write(DigitServerTest.upload(digits[7], 7), "png", file.toFile());
        int expected = ServedModel.recognizer().predict(Files.readAllBytes(file)).digit();
        browser.findElement(By.id("upload")).sendKeys(file.toString());
        waiting().until(driver -> !text("answer").isBlank());
        assertThat(text("answer")).isEqualTo(Integer.toString(expected));
        assertThat(browser.findElements(By.cssSelector("#seen canvas"))).hasSize(1);
        Files.delete(file);
    }
}
