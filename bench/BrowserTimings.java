import dev.digits.serve.DrawnDigits;
import dev.digits.serve.PageBrowser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The draw page in headless Chromium, reading in the browser and on the server in turns: the time
 * from the page's start to the browser's model answering (a fresh browser profile each round: nothing
 * cached), and per answer, from the drawing to the answer shown, each digit of DrawnDigits drawn once
 * read in the browser, then once on the server (A B A B).
 *
 * <p>Usage (bench/browser.sh runs it): java -cp TEST_CLASSPATH bench/BrowserTimings.java PAGE_URL ROUNDS
 */
public final class BrowserTimings {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rounds = Integer.parseInt(args[1]);
        List<Double> ready = new ArrayList<>();
        List<Double> browser = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            try (PageBrowser page = PageBrowser.open()) {
                page.driver.get(url);
                page.waiting().until(d -> page.script("return window.digitsTimings.ready") != null);
                ready.add(number(page.script("return window.digitsTimings.ready")));
                for (int turn = 0; turn < 3; turn++) {
                    for (Map.Entry<String, int[][]> digit : DrawnDigits.all().entrySet()) {
                        for (String reader : List.of("reader-browser", "reader-server")) {
                            page.click("clear");
                            page.click(reader);
                            for (int[] stroke : digit.getValue()) {
                                page.stroke(stroke);
                            }
                            String said = reader.equals("reader-browser") ? "Read in this browser" : "Read by the server";
                            page.waiting().until(d -> page.text("reader").startsWith(said)
                                    && "false".equals(page.driver.findElement(org.openqa.selenium.By.id("answer"))
                                            .getAttribute("aria-busy")));
                        }
                    }
                }
                browser.addAll(numbers(page.script("return window.digitsTimings.answers")));
                server.addAll(numbers(page.script("return window.digitsTimings.serverAnswers")));
                System.out.printf(Locale.ROOT, "round %d: model ready %.0f ms after the page's start%n", round,
                        ready.get(ready.size() - 1));
            }
        }
        System.out.printf(Locale.ROOT, "page start to the browser's model answering: %s%n", summary(ready));
        System.out.printf(Locale.ROOT, "per answer, in the browser (ONNX Runtime Web, wasm, one thread): %s%n",
                summary(browser));
        System.out.printf(Locale.ROOT, "per answer, from the server (PNG posted, read, answered): %s%n", summary(server));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static List<Double> numbers(Object values) {
        List<Double> list = new ArrayList<>();
        for (Object value : (List<?>) values) {
            list.add(number(value));
        }
        return list;
    }

    private static String summary(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %.1f ms, 90th percentile %.1f ms, min %.1f, max %.1f (%d answers)",
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[0], sorted[sorted.length - 1],
                sorted.length);
    }

    private BrowserTimings() {}
}
