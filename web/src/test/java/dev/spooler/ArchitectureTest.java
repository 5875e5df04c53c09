package dev.spooler;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages in layers (docs/architecture.md, "Packages"): no package imports one of a higher
 * layer, and no packages import each other in a cycle, so that a change low down never has to know
 * who sits above. Lives in the web module because it is the one that sees every class.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // The two modules' compiled classes, not the whole class path: only our packages matter.
    classes =
        new ClassFileImporter()
            .importPaths(Path.of("../ejb/target/classes"), Path.of("target/classes"));
  }

  @Test
  void noPackageImportsOneOfAHigherLayer() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("web")
        .definedBy("dev.spooler.web..")
        .layer("entry points")
        .definedBy(
            "dev.spooler.submit..",
            "dev.spooler.listener..",
            "dev.spooler.management..",
            "dev.spooler.ops..",
            "dev.spooler.metrics..")
        .layer("capabilities")
        .definedBy(
            "dev.spooler.routing..",
            "dev.spooler.dispatch..",
            "dev.spooler.transport..",
            "dev.spooler.inbound..",
            "dev.spooler.mailbox..",
            "dev.spooler.report..",
            "dev.spooler.retry..")
        .layer("services")
        .definedBy(
            "dev.spooler.hook..",
            "dev.spooler.tracking..",
            "dev.spooler.security..",
            "dev.spooler.notify..",
            "dev.spooler.queue..")
        .layer("store")
        .definedBy("dev.spooler.message..", "dev.spooler.schema..")
        .whereLayer("web")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("entry points")
        .mayOnlyBeAccessedByLayers("web")
        .whereLayer("capabilities")
        .mayOnlyBeAccessedByLayers("entry points", "web")
        .whereLayer("services")
        .mayOnlyBeAccessedByLayers("capabilities", "entry points", "web")
        .check(classes);
  }

  @Test
  void noPackagesDependOnEachOtherInACycle() {
    slices().matching("dev.spooler.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackageIsPlacedInALayer() {
    // A new package outside every layer would escape the layer check silently.
    List<String> placed =
        List.of(
            "web",
            "submit",
            "listener",
            "management",
            "ops",
            "metrics",
            "routing",
            "dispatch",
            "transport",
            "inbound",
            "mailbox",
            "report",
            "retry",
            "hook",
            "tracking",
            "security",
            "notify",
            "queue",
            "message",
            "schema");
    assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
        .allSatisfy(
            name ->
                assertThat(placed)
                    .as("layer of %s", name)
                    .anyMatch(
                        top ->
                            name.equals("dev.spooler." + top)
                                || name.startsWith("dev.spooler." + top + ".")));
  }

  @Test
  void everyPackageSaysWhatItIsForInPackageInfo() throws IOException {
    for (Path sources : List.of(Path.of("../ejb/src/main/java"), Path.of("src/main/java"))) {
      try (Stream<Path> dirs = Files.walk(sources)) {
        List<Path> withoutInfo =
            dirs.filter(Files::isDirectory)
                .filter(ArchitectureTest::holdsJavaSources)
                .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                .toList();
        assertThat(withoutInfo).as("packages without package-info.java").isEmpty();
      }
    }
  }

  private static boolean holdsJavaSources(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
