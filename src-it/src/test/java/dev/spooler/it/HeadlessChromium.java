package dev.spooler.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver ({@code it.chromium}, {@code
 * it.chromedriver}), as the console tests use it.
 */
final class HeadlessChromium {

  private HeadlessChromium() {}

  static WebDriver start() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("it.chromium", "/usr/bin/chromium"));
    // As root in a container, on a machine without outside network: no sandbox, no background
    // calls.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + Files.createTempDirectory("console-it-chromium"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(System.getProperty("it.chromedriver", "/usr/bin/chromedriver")).toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver browser = new ChromeDriver(service, options);
    // An operator's credentials on every request the page makes (fetch and EventSource included),
    // as a browser sends them once the user has logged in to the console.
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand(
        "Network.setExtraHTTPHeaders",
        Map.of("headers", Map.of("Authorization", SpoolerClient.basic("it-operator"))));
    return browser;
  }

  /** Keeps the last screen as {@code file}, then closes the browser. */
  static void screenshotAndQuit(WebDriver browser, Path file) throws IOException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.quit();
    }
  }
}
