package dev.spooler.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The EAR the build produced, as the tests deploy it. */
final class SpoolerDeployment {

  private static final String WAR = "spooler-web.war";

  private SpoolerDeployment() {}

  /** The built EAR, unchanged: for tests that talk to the server from outside. */
  static EnterpriseArchive ear() {
    File ear = new File(System.getProperty("spooler.ear", "../ear/target/spooler.ear"));
    if (!ear.isFile()) {
      throw new IllegalStateException("build the ear module first: no " + ear.getAbsolutePath());
    }
    return ShrinkWrap.create(ZipImporter.class, "spooler.ear")
        .importFrom(ear)
        .as(EnterpriseArchive.class);
  }

  /**
   * The built EAR plus in-container test classes in its lib/, where the EJB module's beans and
   * events can see them (a test class added to the WAR inside an imported EAR is not found).
   */
  static EnterpriseArchive earWithTests(Class<?>... testClasses) {
    JavaArchive tests =
        ShrinkWrap.create(JavaArchive.class, "spooler-tests.jar")
            .addClasses(testClasses)
            .addClass(SpoolerDeployment.class)
            .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
    EnterpriseArchive ear = ear().addAsLibrary(tests);
    openArquillianProtocol(ear);
    return ear;
  }

  /**
   * Arquillian runs in-container tests through a servlet it adds to the EAR's WAR, and calls it
   * without credentials; web.xml gives every unlisted path to administrators. For the test
   * deployment only, that one servlet path is made public.
   */
  private static void openArquillianProtocol(EnterpriseArchive ear) {
    WebArchive war = ear.getAsType(WebArchive.class, WAR);
    Node webXml = war.get("WEB-INF/web.xml");
    String original;
    try (InputStream in = webXml.getAsset().openStream()) {
      original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String open =
        "<security-constraint><web-resource-collection>"
            + "<web-resource-name>arquillian</web-resource-name>"
            + "<url-pattern>/ArquillianServletRunnerEE9</url-pattern>"
            + "</web-resource-collection></security-constraint>";
    int firstConstraint = original.indexOf("<security-constraint>");
    war.delete("WEB-INF/web.xml");
    war.setWebXML(
        new StringAsset(
            original.substring(0, firstConstraint) + open + original.substring(firstConstraint)));
    ear.delete(WAR);
    ear.addAsModule(war);
  }

  /**
   * As {@link #earWithTests}, with the libraries in-container tests use: GreenMail as the relay,
   * AssertJ, and Awaitility (with the Hamcrest it needs).
   */
  static EnterpriseArchive earWithTestsAndLibraries(Class<?>... testClasses) {
    return earWithTests(testClasses)
        .addAsLibraries(
            jarOf(com.icegreen.greenmail.util.GreenMail.class),
            jarOf(org.assertj.core.api.Assertions.class),
            jarOf(org.awaitility.Awaitility.class),
            jarOf(org.hamcrest.Matcher.class));
  }

  /** The jar a class was loaded from, to put a test library (e.g. GreenMail) into the server. */
  static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
