package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
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
 * The inbound accounts as operators see them: while the IMAP server is away, the account shows its
 * last error and readiness reports it down; once the server is back, a successful poll, the
 * messages fetched, and readiness up again; the console lists them (target/console-inbound.png).
 */
@ExtendWith(ArquillianExtension.class)
class InboundAccountsIT {

  private final SpoolerClient spooler = new SpoolerClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void anAccountThatKeepsFailingIsShownAndNotReadyUntilItsServerIsBack() throws IOException {
    // No IMAP server listens yet: the account polled every second keeps failing.
    JsonObject failing =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> account("it-imap"),
                a -> a.getInt("failuresInARow") >= 3 && !a.isNull("lastError"));
    assertThat(failing.getString("protocol")).isEqualTo("imap");
    assertThat(failing.toString()).doesNotContain("secret");
    HttpResponse<String> notReady = spooler.get("health/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(check(notReady, "inbound:it-imap").getString("status")).isEqualTo("DOWN");

    GreenMail imap =
        new GreenMail(
            new ServerSetup(Integer.getInteger("it.imap.port", 3143), "127.0.0.1", "imap"));
    imap.start();
    try {
      GreenMailUser ian = imap.setUser("ian@example.org", "ian@example.org", "secret");
      MimeMessage mail =
          GreenMailUtil.createTextEmail(
              "ian@example.org",
              "outside@example.net",
              "accounts view",
              "b",
              imap.getImap().getServerSetup());
      ian.deliver(mail);
      JsonObject back =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> account("it-imap"),
                  a ->
                      a.getInt("failuresInARow") == 0
                          && a.getJsonNumber("messagesFetched").longValue() >= 1);
      assertThat(back.isNull("lastSuccessAt")).isFalse();
      assertThat(back.getString("lastError")).isNotBlank();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "UP"
                      .equals(
                          check(spooler.get("health/ready"), "inbound:it-imap")
                              .getString("status")));

      WebDriver browser = HeadlessChromium.start();
      try {
        browser.get(SpoolerClient.API.resolve("/console/").toString());
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(
                d ->
                    !d.findElements(By.cssSelector("#inbound tr[data-account='it-imap']")).isEmpty()
                        && !d.findElements(By.cssSelector("#inbound tr[data-account='it-pop3']"))
                            .isEmpty());
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript("document.getElementById('inbound').scrollIntoView()");
        assertThat(
                browser
                    .findElement(By.cssSelector("#inbound tr[data-account='it-imap']"))
                    .getText())
            .contains("ian");
      } finally {
        HeadlessChromium.screenshotAndQuit(browser, Path.of("target", "console-inbound.png"));
      }
    } finally {
      imap.stop();
    }
  }

  private JsonObject account(String name) {
    HttpResponse<String> accounts = spooler.get("inbound/accounts");
    assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(200);
    try (JsonReader reader = Json.createReader(new StringReader(accounts.body()))) {
      return reader.readArray().getValuesAs(JsonObject.class).stream()
          .filter(a -> a.getString("name").equals(name))
          .findFirst()
          .orElseThrow();
    }
  }

  private static JsonObject check(HttpResponse<String> health, String name) {
    return SpoolerClient.json(health).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }
}
