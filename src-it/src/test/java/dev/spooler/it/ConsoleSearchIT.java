package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Searching the queue in the console and acting on what it finds: a subject search shows only its
 * messages, each row offers only the actions of its state, times carry their time zone, a bulk hold
 * asks first with the number of messages it will touch, and the page stays usable at 1,000 px and
 * at a phone's width. Screens: target/console-search.png, target/console-phone.png.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleSearchIT {

  private final SpoolerClient spooler = new SpoolerClient();
  private final List<String> ids = new ArrayList<>();
  private WebDriver browser;
  private FluentWait<WebDriver> wait;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @BeforeEach
  void openBrowser() throws IOException {
    browser = HeadlessChromium.start();
    wait =
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void close() throws IOException {
    if (browser != null) {
      HeadlessChromium.screenshotAndQuit(browser, Path.of("target", "console-phone.png"));
    }
    // No relay listens for these: they must not wait for another test's.
    ids.forEach(id -> spooler.delete("queue/messages/" + id));
  }

  @Test
  void operatorFindsMessagesBySubjectAndHoldsThemAfterConfirming() throws IOException {
    String subject = "search-" + System.nanoTime();
    for (int i = 0; i < 2; i++) {
      ids.add(submit(subject + " #" + i));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> deferredTotal(subject) == 2);

    browser.manage().window().setSize(new Dimension(1000, 900));
    browser.get(SpoolerClient.API.resolve("/console/").toString());
    wait.until(d -> "live".equals(d.findElement(By.id("live")).getText()));
    new Select(browser.findElement(By.cssSelector("#queue-filter select[name=state]")))
        .selectByValue("deferred");
    browser.findElement(By.cssSelector("#queue-filter input[name=subject]")).sendKeys(subject);
    browser.findElement(By.cssSelector("#queue-filter button[type=submit]")).click();
    String rows = "#queue tbody tr";
    wait.until(
        d ->
            d.findElements(By.cssSelector(rows)).size() == 2
                && d.findElements(By.cssSelector(rows + " td.subject")).stream()
                    .allMatch(c -> c.getText().startsWith(subject)));

    // Only what fits a deferred message; a time with its zone. Read in one script run: the live
    // console may redraw its rows between two reads.
    @SuppressWarnings("unchecked")
    List<Object> first =
        (List<Object>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const r = document.querySelector(arguments[0]);"
                        + " return [r.querySelectorAll('button.retry, button.hold, button.delete').length,"
                        + " r.querySelectorAll('button.release, button.requeue').length,"
                        + " r.cells[1].textContent];",
                    rows);
    assertThat(first.get(0)).isEqualTo(3L);
    assertThat(first.get(1)).isEqualTo(0L);
    assertThat((String) first.get(2)).matches(".*\\d{1,2}:\\d{2}:\\d{2}.*(UTC|GMT|[A-Z]{2,5}).*");
    assertThat(rightEdge(rows + " td.actions button.hold")).isLessThanOrEqualTo(1000);

    click("#bulk-actions button.bulk-hold");
    wait.until(d -> d.findElement(By.id("confirm")).isDisplayed());
    assertThat(browser.findElement(By.id("confirm-question")).getText())
        .isEqualTo("Hold: 2 messages (2 recipients) deferred matching the filter?");
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('queue-filter').scrollIntoView()");
    HeadlessChromium.screenshot(browser, Path.of("target", "console-search.png"));
    browser.findElement(By.id("confirm-yes")).click();
    wait.until(d -> d.findElement(By.id("action-result")).getText().matches("HOLD .*: 2 affected"));

    new Select(browser.findElement(By.cssSelector("#queue-filter select[name=state]")))
        .selectByValue("held");
    wait.until(
        d ->
            d.findElements(By.cssSelector(rows)).size() == 2
                && !d.findElements(By.cssSelector(rows + " button.release")).isEmpty());
    assertThat(browser.findElements(By.cssSelector(rows + " button.retry"))).isEmpty();

    // A delete asks, and "Cancel" leaves the message where it is.
    click(rows + " button.delete");
    wait.until(d -> d.findElement(By.id("confirm")).isDisplayed());
    assertThat(browser.findElement(By.id("confirm-question")).getText())
        .startsWith("Delete message \"" + subject);
    browser.findElement(By.id("confirm-no")).click();
    assertThat(heldTotal(subject)).isEqualTo(2);

    // At a phone's width the search and a row's actions are within the screen; wide tables scroll
    // themselves.
    browser.manage().window().setSize(new Dimension(390, 844));
    wait.until(
        d ->
            rightEdge("#queue-filter button[type=submit]") <= viewportWidth()
                && rightEdge(rows + " td.actions button") <= viewportWidth());
  }

  private long viewportWidth() {
    return ((Number)
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.clientWidth"))
        .longValue();
  }

  // The live console redraws its rows and bulk buttons on every change: a click that hit one just
  // replaced is made again.
  private void click(String css) {
    wait.until(
        d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  private long rightEdge(String css) {
    return ((Number)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return document.querySelector(arguments[0]).getBoundingClientRect().right",
                    css))
        .longValue();
  }

  private long deferredTotal(String subject) {
    return SpoolerClient.json(spooler.get("queue/deferred?subject=" + subject))
        .getJsonNumber("total")
        .longValue();
  }

  private long heldTotal(String subject) {
    return SpoolerClient.json(spooler.get("queue/held?subject=" + subject))
        .getJsonNumber("total")
        .longValue();
  }

  private String submit(String subject) {
    return SpoolerClient.json(
            spooler.post(
                "messages",
                Json.createObjectBuilder()
                    .add("from", "search@example.org")
                    .add("to", Json.createArrayBuilder().add("sam@example.org"))
                    .add("subject", subject)
                    .add("body", "b")
                    .add("notify", Json.createArrayBuilder().add("NEVER"))
                    .build()
                    .toString()))
        .getString("id");
  }
}
