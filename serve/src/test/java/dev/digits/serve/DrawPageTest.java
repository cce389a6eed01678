package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The draw-a-digit page in a real headless Chromium: draw, predict, see the answer. */
class DrawPageTest {

    private static PageBrowser browser;
    private static String base;

    @BeforeAll
    static void open() throws Exception {
        browser = PageBrowser.open();
        base = "http://127.0.0.1:" + ServedModel.server().port() + "/";
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static String text(String id) {
        return browser.text(id);
    }

    @Test
    void drawingAStrokeShowsADigitWhatTheNetworkSawAndTenBars() {
        browser.driver.get(base);
        browser.waiting().until(driver -> text("model").contains("seed-cnn on PyTorch"));
        assertThat(text("model")).containsPattern("\\d+\\.\\d\\d% on the MNIST test set");
        // A vertical stroke down the middle: a one.
        browser.stroke(DrawnDigits.all().get("1")[0]);
        browser.awaitAnswer();
        assertThat(text("answer")).isEqualTo("1");
        assertThat(browser.driver.findElements(By.cssSelector("#bars .bar"))).hasSize(10);
        assertThat(browser.driver.findElements(By.cssSelector("#seen canvas"))).hasSize(1);
        assertThat(text("error")).isEmpty();

        // An empty pad has nothing to read: the page says so instead of guessing.
        browser.click("clear");
        assertThat(text("answer")).isEmpty();
        browser.click("predict");
        browser.waiting().until(driver -> !text("error").isBlank());
        assertThat(text("error")).contains("blank");
        assertThat(text("answer")).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#bars .bar"))).isEmpty();
    }

    /** Draws a 7 (its bar and its diagonal) with the pen chosen, and returns the answer, how sure, and who read it. */
    private static String[] sevenWith(String pen, String reader) {
        browser.driver.get(base);
        browser.waiting().until(driver -> text("model").contains("on PyTorch") && (reader.equals("reader-server")
                || browser.script("return window.digitsTimings.ready") != null));
        browser.click(pen);
        browser.click(reader);
        for (int[] stroke : DrawnDigits.all().get("7")) {
            browser.stroke(stroke);
        }
        browser.awaitAnswer();
        return new String[] {text("answer"), text("confidence"), text("reader")};
    }

    @Test
    void aDigitDrawnWithAThinPenReadsAsSurelyAsWithAThickOneInTheBrowserAndOnTheServer() {
        List<String> readers = ServedModel.browserRuntimeBuilt() ? List.of("reader-browser", "reader-server")
                : List.of("reader-server");
        for (String reader : readers) {
            String[] thick = sevenWith("pen-thick", reader);
            String[] thin = sevenWith("pen-thin", reader);
            System.out.printf("a 7 drawn thick: %s, %s; thin: %s, %s (%s)%n", thick[0], thick[1], thin[0], thin[1],
                    thin[2]);
            assertThat(thick[0]).isEqualTo("7");
            assertThat(thin[0]).isEqualTo("7");
            assertThat(thin[2]).startsWith(reader.equals("reader-browser") ? "Read in this browser" : "Read by the server");
            assertThat(sureness(thin[1])).isGreaterThanOrEqualTo(0.9 * sureness(thick[1]));
        }
    }

    private static double sureness(String confidence) {
        return Double.parseDouble(confidence.replaceAll("[^0-9.]", ""));
    }

    @Test
    void drawingFortyTwoReadsFortyTwo() {
        browser.driver.get(base);
        browser.click("mode-number");
        // A 4: its left arm and bar in one stroke, then the upright through the bar.
        browser.stroke(-215, -90, -225, -40, -235, 10, -200, 10, -155, 10);
        browser.stroke(-180, -90, -180, -30, -180, 30, -180, 90);
        // A 2: the hook, the diagonal, the base.
        browser.stroke(35, -55, 55, -80, 85, -88, 110, -70, 112, -40, 95, -5, 65, 35, 35, 80, 75, 82, 125, 82);
        browser.waiting().until(driver -> text("answer").equals("42"));
        assertThat(browser.driver.findElements(By.cssSelector("#seen canvas"))).hasSize(2);
        assertThat(browser.driver.findElements(By.cssSelector("#bars .bar"))).hasSize(10);
        assertThat(text("confidence")).endsWith("% sure");
        assertThat(text("reader")).startsWith("Read by the server");
    }

    @Test
    void anUploadedPngIsRead() throws Exception {
        browser.driver.get(base);
        int[] labels = new int[8];
        float[][] digits = ServedModel.testImages(8, labels);
        Path file = Files.createTempFile("digit", ".png");
        javax.imageio.ImageIO.write(DigitServerTest.upload(digits[7], 7), "png", file.toFile());
        int expected = ServedModel.recognizer().predict(Files.readAllBytes(file)).digit();
        browser.driver.findElement(By.id("upload")).sendKeys(file.toString());
        browser.waiting().until(driver -> !text("answer").isBlank());
        assertThat(text("answer")).isEqualTo(Integer.toString(expected));
        assertThat(browser.driver.findElements(By.cssSelector("#seen canvas"))).hasSize(1);
        assertThat(text("reader")).startsWith("Read by the server (PyTorch)");
        Files.delete(file);
    }
}
