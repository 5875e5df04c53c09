package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium, driven through its chromedriver by
 * Selenium. An operator sees a deferred message, clicks "Retry now" once the relay is back, and
 * sees it delivered well before its next scheduled attempt. The last screen is kept as
 * target/console.png.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

  private static final Path SCREENSHOT = Path.of("target", "console.png");

  private final SpoolerClient spooler = new SpoolerClient();
  private WebDriver browser;
  private GreenMail relay;
  private String id;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @BeforeEach
  void openBrowser() throws IOException {
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void close() throws IOException {
    if (browser != null) {
      HeadlessChromium.screenshotAndQuit(browser, SCREENSHOT);
    }
    if (relay != null) {
      relay.stop();
    }
    if (id != null) {
      // A failed run must not leave its message for another test's relay.
      spooler.delete("queue/messages/" + id);
    }
  }

  @Test
  void operatorRetriesADeferredMessageAndSeesItDelivered() {
    id = submit();
    // Deferred, with its next attempt far enough away that a delivery before it is the click's.
    JsonObject deferred =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> recipient(id),
                r ->
                    "DEFERRED".equals(r.getString("status"))
                        && r.getInt("attempts") >= 2
                        && Instant.parse(r.getString("nextAttemptAt"))
                            .isAfter(Instant.now().plusSeconds(4)));
    Instant nextAttempt = Instant.parse(deferred.getString("nextAttemptAt"));

    browser.get(SpoolerClient.API.resolve("/console/").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    String row = "#queue tr[data-message-id='" + id + "']";
    // The console redraws its tables on every status change pushed (other messages' too): find the
    // row afresh for each look, and retry a click that hit a row just replaced.
    wait.until(d -> "DEFERRED".equals(attributeOrNull(d, row, "data-status")));
    assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("live");
    relay = TestRelay.start();

    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(By.cssSelector(row + " button.retry")).click();
              return true;
            });

    // Pushed over SSE: the delivery appears without reloading the page.
    wait.until(
        d ->
            !d.findElements(By.cssSelector("#recent-deliveries tr[data-message-id='" + id + "']"))
                .isEmpty());
    wait.until(
        d -> d.findElements(By.cssSelector("#queue tr[data-message-id='" + id + "']")).isEmpty());
    assertThat(browser.findElement(By.id("action-result")).getText())
        .contains("RETRY", "1 affected");
    assertThat(Instant.parse(recipient(id).getString("updatedAt"))).isBefore(nextAttempt);
    assertThat(TestRelay.received(relay, "ron@example.org")).isEqualTo(1);

    browser.findElement(By.cssSelector("#recent-deliveries tr[data-message-id='" + id + "']"));
    List<WebElement> depths = browser.findElements(By.cssSelector("#depths tr[data-queue]"));
    assertThat(depths).isNotEmpty();
    assertThat(
            browser.findElements(
                By.cssSelector(
                    "#transports tr[data-transport='smtp'] td.closed, #transports tr[data-transport='smtp'] td.open")))
        .hasSize(1);
  }

  private static String attributeOrNull(WebDriver browser, String css, String attribute) {
    try {
      return browser.findElements(By.cssSelector(css)).stream()
          .findFirst()
          .map(e -> e.getAttribute(attribute))
          .orElse(null);
    } catch (StaleElementReferenceException redrawn) {
      return null;
    }
  }

  private String submit() {
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            Json.createObjectBuilder()
                .add("from", "console@example.org")
                .add("to", Json.createArrayBuilder().add("ron@example.org"))
                .add("subject", "console")
                .add("body", "b")
                .add("notify", Json.createArrayBuilder().add("NEVER"))
                .build()
                .toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return SpoolerClient.json(accepted).getString("id");
  }

  private JsonObject recipient(String id) {
    return SpoolerClient.json(spooler.get("messages/" + id))
        .getJsonArray("recipients")
        .getJsonObject(0);
  }
}
