package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Markup in what the console shows is text, in a real browser (headless Chromium, as in {@link
 * ConsoleIT}): a subject and a recipient that would run script if put into the page as HTML are
 * shown literally, and the script never runs. The last screen is kept as target/console-xss.png.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleXssIT {

  private static final Path SCREENSHOT = Path.of("target", "console-xss.png");
  // Each sets window.__xss and the title if it ever runs: as an element, an event handler, a
  // script.
  private static final String SUBJECT =
      "<img src=x onerror=\"window.__xss='subject';document.title='xss'\">"
          + "<script>window.__xss='script'</script>";
  private static final String RECIPIENT =
      "LOCAL:<svg onload=\"window.__xss='recipient'\"><img src=y onerror=window.__xss='rcpt'>";

  private final ApiCaller sender = ApiCaller.sender();
  private final ApiCaller operator = ApiCaller.operator();
  private WebDriver browser;
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
    if (id != null) {
      operator.delete("queue/messages/" + id);
    }
  }

  @Test
  void markupInASubjectOrRecipientIsShownAsTextAndNeverRuns() {
    String plain = "xss-" + UUID.randomUUID() + "@example.org";
    HttpResponse<String> accepted =
        sender.postJson(
            "messages",
            Json.createObjectBuilder()
                .add("from", "xss@example.org")
                .add("to", Json.createArrayBuilder().add(plain).add(RECIPIENT))
                .add("subject", SUBJECT)
                .add("body", "b")
                // Waits in the queue until tomorrow: the console lists it as queued.
                .add(
                    "deferUntil",
                    Instant.now()
                        .plus(1, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString())
                .add("notify", Json.createArrayBuilder().add("NEVER"))
                .build()
                .toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    id = ApiCaller.json(accepted).getString("id");

    browser.get(SpoolerClient.API.resolve("/console/").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(d -> "live".equals(d.findElement(By.id("live")).getText()));
    new Select(browser.findElement(By.cssSelector("#queue-filter select[name=state]")))
        .selectByValue("queued");
    browser
        .findElement(By.cssSelector("#queue-filter input[name=sender]"))
        .sendKeys("xss@example.org");
    browser.findElement(By.cssSelector("#queue-filter button[type=submit]")).click();

    String rows = "#queue tr[data-message-id='" + id + "']";
    wait.ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElements(By.cssSelector(rows)).size() == 2);
    String[] shown =
        wait.ignoring(StaleElementReferenceException.class)
            .until(
                d ->
                    d.findElements(By.cssSelector(rows)).stream()
                        .map(row -> row.findElement(By.cssSelector("td.subject")).getText())
                        .toArray(String[]::new));
    assertThat(shown).containsOnly(SUBJECT);
    assertThat(texts(rows + " td")).contains(RECIPIENT);
    assertThat(browser.findElements(By.cssSelector("#queue img, #queue svg, #queue tbody script")))
        .as("elements made from the data")
        .isEmpty();
    Object ran =
        ((JavascriptExecutor) browser)
            .executeScript("return window.__xss === undefined ? null : String(window.__xss);");
    assertThat(ran).as("script that ran").isNull();
    assertThat(browser.getTitle()).isEqualTo("Spooler console");
  }

  @Test
  void consoleRunsOnlyItsOwnScriptAndNoAnswerIsSniffed() throws Exception {
    HttpResponse<Void> console =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(SpoolerClient.API.resolve("/console/"))
                    .header("Authorization", SpoolerClient.basic("it-operator"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(console.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp -> assertThat(csp).contains("script-src 'self'", "object-src 'none'"));
    assertThat(console.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    HttpResponse<String> api = sender.get("messages/" + UUID.randomUUID());
    assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  /**
   * The shown texts of the matching elements, read in one script run: the live console redraws its
   * rows on every pushed status change, so elements found first and read one by one go stale.
   */
  @SuppressWarnings("unchecked")
  private java.util.List<String> texts(String css) {
    return (java.util.List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText);",
                css);
  }
}
