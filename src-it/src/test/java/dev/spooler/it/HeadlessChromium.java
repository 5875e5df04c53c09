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

  /** A browser that sends the operator's credentials itself on every request. */
  static WebDriver start() throws IOException {
    ChromeDriver browser = startWithoutCredentials();
    // An operator's credentials on every request the page makes (fetch included), as a browser or
    // a proxy in front of it sends them.
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand(
        "Network.setExtraHTTPHeaders",
        Map.of("headers", Map.of("Authorization", SpoolerClient.basic("it-operator"))));
    return browser;
  }

  /** A browser without credentials of its own: the console's login form is the way in. */
  static ChromeDriver startWithoutCredentials() throws IOException {
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
    return new ChromeDriver(service, options);
  }

  /** Keeps the screen as it is now as {@code file}. */
  static void screenshot(WebDriver browser, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Keeps the last screen as {@code file}, then closes the browser. */
  static void screenshotAndQuit(WebDriver browser, Path file) throws IOException {
    try {
      screenshot(browser, file);
    } finally {
      browser.quit();
    }
  }
}
