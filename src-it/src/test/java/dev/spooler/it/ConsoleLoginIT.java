package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Logging in to the console in a real browser that has no credentials of its own: the login form
 * first, a refusal for a wrong password or a user without the role, the live console after a right
 * one, the login form again after "Log out" and when the API answers 401. Screens are kept as
 * target/console-login.png and target/console-logged-in.png.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleLoginIT {

  private WebDriver browser;
  private WebDriverWait wait;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @BeforeEach
  void openBrowser() throws IOException {
    browser = HeadlessChromium.startWithoutCredentials();
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterEach
  void close() throws IOException {
    if (browser != null) {
      HeadlessChromium.screenshotAndQuit(browser, Path.of("target", "console-logged-out.png"));
    }
  }

  @Test
  void operatorLogsInAndOutThroughTheForm() throws IOException {
    browser.get(SpoolerClient.API.resolve("/console/").toString());
    wait.until(d -> d.findElement(By.id("login")).isDisplayed());
    assertThat(browser.findElement(By.id("queue")).isDisplayed()).isFalse();

    logIn("it-operator", "wrong");
    wait.until(d -> text(d, "login-message").contains("Wrong user name or password"));
    logIn("it-sender", "it-sender-1!");
    wait.until(d -> text(d, "login-message").contains("may not use the console"));
    HeadlessChromium.screenshot(browser, Path.of("target", "console-login.png"));

    logIn("it-operator", "it-operator-1!");
    wait.until(d -> "live".equals(text(d, "live")));
    wait.until(d -> !d.findElements(By.cssSelector("#depths tr[data-queue]")).isEmpty());
    assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
    assertThat(text(browser, "who")).isEqualTo("it-operator");
    HeadlessChromium.screenshot(browser, Path.of("target", "console-logged-in.png"));

    // A reload keeps the tab's session.
    browser.navigate().refresh();
    wait.until(d -> "live".equals(text(d, "live")));

    browser.findElement(By.id("logout")).click();
    wait.until(d -> d.findElement(By.id("login")).isDisplayed());
    assertThat(text(browser, "login-message")).isEqualTo("Logged out.");
    assertThat(browser.findElement(By.id("queue")).isDisplayed()).isFalse();
    assertThat(
            ((JavascriptExecutor) browser)
                .executeScript("return Object.keys(sessionStorage).length"))
        .isEqualTo(0L);
  }

  @Test
  void aRefusedCallShowsTheLoginInsteadOfAnEmptyPage() {
    browser.get(SpoolerClient.API.resolve("/console/").toString());
    logIn("it-operator", "it-operator-1!");
    wait.until(d -> "live".equals(text(d, "live")));

    // Credentials that stop working (a password changed on the server) make the next call 401:
    // the console's own refresh (every 5 s) meets it.
    ((JavascriptExecutor) browser)
        .executeScript(
            "sessionStorage.setItem('spooler.console.authorization', 'Basic '"
                + " + btoa('it-operator:changed'))");
    wait.until(d -> d.findElement(By.id("login")).isDisplayed());
    assertThat(text(browser, "login-message")).contains("log in again");
    assertThat(browser.findElement(By.id("queue")).isDisplayed()).isFalse();
  }

  private void logIn(String user, String password) {
    WebElement form = browser.findElement(By.id("login-form"));
    WebElement name = form.findElement(By.name("user"));
    name.clear();
    name.sendKeys(user);
    form.findElement(By.name("password")).sendKeys(password);
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private static String text(WebDriver browser, String id) {
    return browser.findElement(By.id(id)).getText();
  }
}
