package dev.spooler.it;

import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The EAR the build produced, as the tests deploy it. */
final class SpoolerDeployment {

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
    return ear().addAsLibrary(tests);
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
