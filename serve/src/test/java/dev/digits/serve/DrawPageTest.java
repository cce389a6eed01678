package dev.digits.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digits.model.folder.ModelFolder;
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
            ModelFolder.deleteTree(profile);
        }
    }

    @Test
    void drawingAStrokeShowsADigitAndTenBars() {
        browser.get(base);
        WebElement pad = browser.findElement(By.id("pad"));
        // A vertical stroke down the middle: a one.
        new Actions(browser)
                .moveToElement(pad, 0, -90)
                .clickAndHold()
                .moveByOffset(0, 45)
                .moveByOffset(0, 45)
                .moveByOffset(0, 45)
                .moveByOffset(0, 45)
                .release()
                .perform();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(driver -> !driver.findElement(By.id("digit")).getText().isBlank());
        assertThat(browser.findElement(By.id("digit")).getText()).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("#bars .bar"))).hasSize(10);
        assertThat(browser.findElement(By.id("error")).getText()).isEmpty();

        // An empty pad has nothing to read: the page says so instead of guessing.
        browser.findElement(By.id("clear")).click();
        assertThat(browser.findElement(By.id("digit")).getText()).isEmpty();
        browser.findElement(By.id("predict")).click();
        wait.until(driver -> !driver.findElement(By.id("error")).getText().isBlank());
        assertThat(browser.findElement(By.id("error")).getText()).contains("blank");
        assertThat(browser.findElement(By.id("digit")).getText()).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#bars .bar"))).isEmpty();
    }
}
