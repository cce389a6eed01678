package dev.digits.serve;

import dev.digits.model.folder.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) on the draw page, for the page's
 * tests and bench/BrowserTimings.java.
 */
public final class PageBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("digits.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("digits.chromedriver", "/usr/bin/chromedriver"));

    public final WebDriver driver;
    private final Path profile;

    private PageBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium, or skips the test where it is not installed. */
    public static PageBrowser open() throws IOException {
        // CI installs Debian's chromium and chromium-driver (.ci/run); elsewhere the test needs them too.
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        Path profile = Files.createTempDirectory("digits-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=900,700",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new PageBrowser(new ChromeDriver(service, options), profile);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        FileTrees.delete(profile);
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public WebElement pad() {
        return driver.findElement(By.id("pad"));
    }

    public void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    /** A stroke through points given relative to the pad's centre, in CSS pixels. */
    public void stroke(int... points) {
        Actions actions = new Actions(driver).moveToElement(pad(), points[0], points[1]).clickAndHold();
        for (int i = 2; i < points.length; i += 2) {
            actions.moveByOffset(points[i] - points[i - 2], points[i + 1] - points[i - 1]);
        }
        actions.release().perform();
    }

    /** Waits for the answer to everything on the pad: the page says when it is in. */
    public void awaitAnswer() {
        waiting().until(d -> "false".equals(d.findElement(By.id("answer")).getAttribute("aria-busy"))
                && (!text("answer").isBlank() || !text("error").isBlank()));
    }

    /** The 28x28 pixels shown for the last digit read, in [0, 1] (as the page drew them: 1/255 steps). */
    public float[] seenPixels() {
        @SuppressWarnings("unchecked")
        List<Number> levels = (List<Number>) ((JavascriptExecutor) driver).executeScript(
                "const c = document.querySelector('#seen canvas');"
                + "return Array.from(c.getContext('2d').getImageData(0, 0, 28, 28).data.filter((v, i) => i % 4 === 0));");
        float[] pixels = new float[levels.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = levels.get(i).floatValue() / 255f;
        }
        return pixels;
    }

    public Object script(String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }
}
