package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's charts: deliveries made now show in this node's recent series
 * (/api/metrics/recent), and the console draws its three charts from it with uPlot served from the
 * WAR's WebJar. The screen is kept as target/console-charts.png.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleChartsIT {

  private final SpoolerClient spooler = new SpoolerClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void deliveriesShowInTheSeriesAndTheChartsAreDrawn() throws IOException {
    for (int i = 0; i < 5; i++) {
      assertThat(
              spooler
                  .post(
                      "messages",
                      Json.createObjectBuilder()
                          .add("from", "charts@example.org")
                          .add("to", Json.createArrayBuilder().add("LOCAL:charts"))
                          .add("subject", "chart " + i)
                          .add("body", "b")
                          .add("notify", Json.createArrayBuilder().add("NEVER"))
                          .build()
                          .toString())
                  .statusCode())
          .isEqualTo(202);
    }
    // A point every 10 s: the deliveries are in one of the next.
    JsonObject series =
        await()
            .atMost(Duration.ofSeconds(40))
            .until(
                () -> SpoolerClient.json(spooler.get("metrics/recent")),
                s ->
                    s.getJsonArray("points").stream()
                        .map(p -> p.asJsonObject())
                        .anyMatch(
                            p ->
                                p.getJsonNumber("deliveredPerSecond").doubleValue() > 0
                                    && !p.isNull("latencyP95Millis")));
    assertThat(series.getInt("stepSeconds")).isEqualTo(10);
    assertThat(series.getJsonArray("points").getJsonObject(0).getJsonObject("waiting"))
        .containsKeys("queued", "deferred", "held");

    WebDriver browser = HeadlessChromium.start();
    try {
      browser.get(SpoolerClient.API.resolve("/console/").toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(d -> d.findElements(By.cssSelector("#charts .uplot canvas")).size() == 3);
      wait.until(
          d -> Integer.parseInt(d.findElement(By.id("charts")).getDomAttribute("data-points")) > 0);
      assertThat(browser.findElements(By.cssSelector("#chart-throughput .u-legend .u-label")))
          .extracting(e -> e.getText().strip())
          .contains("delivered", "deferred", "failed");
    } finally {
      HeadlessChromium.screenshotAndQuit(browser, Path.of("target", "console-charts.png"));
    }
  }
}
