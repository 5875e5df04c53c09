package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The published contracts as served, under the real validators the build installs from npm
 * (api-validators.sh): the OpenAPI document under Redocly's recommended rules with no error, the
 * AsyncAPI document under the AsyncAPI CLI with no warning. Their reports are kept under
 * target/contracts/; the API explorer (Swagger UI) is opened in Chromium and kept as
 * target/api-explorer.png.
 */
@ExtendWith(ArquillianExtension.class)
class ApiContractsIT {

  private static final Path TOOLS =
      Path.of(System.getProperty("it.node.tools", "target/node-tools"), "node_modules", ".bin");
  private static final Path OUT = Path.of("target", "contracts");

  private final SpoolerClient spooler = new SpoolerClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void openApiDocumentHasNoErrorUnderRedoclysRecommendedRules() throws Exception {
    HttpResponse<String> served = spooler.get(SpoolerClient.API.resolve("/openapi"));
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body())
        .contains("securitySchemes:", "scheme: basic", "application/problem+json")
        .contains("servers:\n- url: /");
    Path document = write("openapi.yaml", served.body());

    Run lint = run("redocly", "lint", document.toString(), "--extends=recommended");
    write("redocly-lint.txt", lint.output());
    assertThat(lint.exitCode()).as(lint.output()).isZero();
    assertThat(lint.output()).contains("Your API description is valid");
  }

  @Test
  void asyncApiDocumentHasNoWarningAndNamesTheServerItWasAskedOn() throws Exception {
    HttpResponse<String> served = spooler.get("asyncapi.yaml");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body())
        .contains("default: " + SpoolerClient.API.getHost())
        .contains("default: '" + SpoolerClient.API.getPort() + "'")
        .doesNotContain("localhost:8080");
    Path document = write("asyncapi.yaml", served.body());

    Run validate = run("asyncapi", "validate", document.toString(), "--fail-severity=warn");
    write("asyncapi-validate.txt", validate.output());
    assertThat(validate.exitCode()).as(validate.output()).isZero();
    assertThat(validate.output()).doesNotContainPattern("(?m)^\\s*\\d+:\\d+\\s+(error|warning)");
  }

  @Test
  void apiExplorerShowsTheOperationsFromTheWebJar() throws IOException {
    WebDriver browser = HeadlessChromium.start();
    try {
      browser.get(SpoolerClient.API.resolve("/explorer/").toString());
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(d -> d.findElements(By.cssSelector(".opblock")).size() > 20);
      assertThat(browser.findElement(By.cssSelector(".info .title")).getText())
          .contains("Spooler REST API");
      assertThat(browser.findElements(By.cssSelector(".opblock-summary-operation-id")))
          .isNotEmpty();
      assertThat(browser.findElements(By.cssSelector("button.authorize"))).isNotEmpty();
    } finally {
      HeadlessChromium.screenshotAndQuit(browser, Path.of("target", "api-explorer.png"));
    }
  }

  private record Run(int exitCode, String output) {}

  private static Run run(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(TOOLS.resolve(tool).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // No calls home from the validators: the test machine has no outside network.
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    builder.environment().put("SUPPRESS_NO_CONFIG_WARNING", "true");
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static Path write(String name, String content) throws IOException {
    Files.createDirectories(OUT);
    return Files.writeString(OUT.resolve(name), content);
  }
}
