package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The message page in a real browser: a mail with text, HTML (holding a script and a remote image)
 * and an attachment, fetched from IMAP, shows its envelope, text, attachment and headers; its HTML
 * is shown sandboxed, the script does not run and the remote image is never requested; a deferred
 * message shows its recipient's diagnostic and tracking timeline; raw MIME downloads. Screens:
 * target/console-message.png, target/console-message-deferred.png.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleMessageIT {

  private final SpoolerClient spooler = new SpoolerClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void aFetchedMailIsShownWithItsHtmlSandboxedAndNothingRemoteLoaded() throws Exception {
    AtomicInteger remoteRequests = new AtomicInteger();
    HttpServer tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tracker.createContext(
        "/",
        exchange -> {
          remoteRequests.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    tracker.start();
    String subject = "page " + System.nanoTime();
    GreenMail imap =
        new GreenMail(
            new ServerSetup(Integer.getInteger("it.imap.port", 3143), "127.0.0.1", "imap"));
    imap.start();
    WebDriver browser = null;
    try {
      GreenMailUser ian = imap.setUser("ian@example.org", "ian@example.org", "secret");
      ian.deliver(mail(subject, "http://127.0.0.1:" + tracker.getAddress().getPort() + "/pixel"));
      String id =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> filedMessageId("ian", subject), found -> found != null);

      browser = HeadlessChromium.start();
      browser.get(SpoolerClient.API.resolve("/console/message.html?id=" + id).toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(
          d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
      assertThat(browser.findElement(By.id("title")).getText()).isEqualTo(subject);
      assertThat(browser.findElement(By.id("problem")).getText()).isEmpty();
      assertThat(browser.findElement(By.id("text")).getText()).contains("plain words");
      assertThat(browser.findElement(By.cssSelector("#attachments li")).getText())
          .contains("notes.txt", "text/plain");
      assertThat(browser.findElement(By.cssSelector("#envelope tr[data-field=from]")).getText())
          .contains("outside@example.net");

      WebElement frame = browser.findElement(By.id("html"));
      assertThat(frame.getDomAttribute("sandbox")).isEmpty();
      browser.switchTo().frame(frame);
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Rich words");
      assertThat(browser.findElements(By.id("ran"))).isEmpty();
      browser.switchTo().defaultContent();
      assertThat(
              ((JavascriptExecutor) browser).executeScript("return window.scriptRanHere === true"))
          .isEqualTo(false);
      assertThat(remoteRequests.get()).isZero();
      HeadlessChromium.screenshot(browser, Path.of("target", "console-message.png"));

      HttpResponse<String> mime = spooler.get("messages/" + id + "/mime");
      assertThat(mime.statusCode()).isEqualTo(200);
      assertThat(mime.headers().firstValue("Content-Type")).hasValue("message/rfc822");
      assertThat(mime.body()).contains("Subject: " + subject);
    } finally {
      if (browser != null) {
        browser.quit();
      }
      imap.stop();
      tracker.stop(0);
    }
  }

  @Test
  void aDeferredMessageShowsItsRecipientsDiagnosticAndTimeline() throws IOException {
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            Json.createObjectBuilder()
                .add("from", "page@example.org")
                .add("to", Json.createArrayBuilder().add("nobody-listens@example.org"))
                .add("subject", "deferred page")
                .add("body", "b")
                .add("notify", Json.createArrayBuilder().add("NEVER"))
                .build()
                .toString());
    String id = SpoolerClient.json(accepted).getString("id");
    WebDriver browser = HeadlessChromium.start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  SpoolerClient.json(spooler.get("messages/" + id))
                      .getJsonArray("recipients")
                      .getJsonObject(0)
                      .getString("status")
                      .equals("DEFERRED"));
      browser.get(SpoolerClient.API.resolve("/console/message.html?id=" + id).toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(
          d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
      WebElement recipient =
          browser.findElement(
              By.cssSelector("#recipients tr[data-recipient$='nobody-listens@example.org']"));
      assertThat(recipient.getDomAttribute("data-status")).isEqualTo("DEFERRED");
      assertThat(recipient.findElement(By.cssSelector("td.diagnostic")).getText()).isNotBlank();
      assertThat(browser.findElements(By.cssSelector("#timeline tr[data-status=DEFERRED]")))
          .isNotEmpty();
      assertThat(browser.findElement(By.id("text")).getText()).isEqualTo("b");
      assertThat(browser.findElement(By.id("no-html")).isDisplayed()).isTrue();
    } finally {
      HeadlessChromium.screenshotAndQuit(
          browser, Path.of("target", "console-message-deferred.png"));
      spooler.delete("queue/messages/" + id);
    }
  }

  /** The message id of what is filed under this subject in the owner's Inbox, or null. */
  private String filedMessageId(String owner, String subject) {
    HttpResponse<String> inbox =
        spooler.get("mailboxes/" + owner + "/folders/Inbox/messages?limit=200");
    if (inbox.statusCode() != 200) {
      return null; // the first fetched mail creates the mailbox
    }
    return SpoolerClient.json(inbox).getJsonArray("messages").getValuesAs(JsonObject.class).stream()
        .filter(m -> subject.equals(m.getString("subject", "")))
        .map(m -> m.getString("messageId"))
        .findFirst()
        .orElse(null);
  }

  private static MimeMessage mail(String subject, String remoteImage) throws Exception {
    MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
    mail.setFrom(new InternetAddress("outside@example.net"));
    mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "ian@example.org");
    mail.setSubject(subject, "UTF-8");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("plain words", "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent(
        "<h1>Rich words</h1><img src=\""
            + remoteImage
            + "\"><script>document.body.insertAdjacentHTML('beforeend','<p id=ran>ran</p>');"
            + "parent.scriptRanHere = true;</script>",
        "text/html; charset=UTF-8");
    MimeMultipart alternative = new MimeMultipart("alternative", text, html);
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setText("attached notes", StandardCharsets.UTF_8.name());
    attachment.setFileName("notes.txt");
    attachment.setDisposition(MimeBodyPart.ATTACHMENT);
    mail.setContent(new MimeMultipart("mixed", body, attachment));
    mail.saveChanges();
    return mail;
  }
}
