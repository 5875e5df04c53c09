package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/*.md render their commands as code and their prose as prose, and their links
 * between each other lead somewhere.
 */
class MarkdownCodeFencesTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void readmeAndDocsHaveWellFormedCodeBlocks() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : markdownFiles()) {
      problems.addAll(
          MarkdownCodeFences.problems(ROOT.relativize(file).toString(), Files.readString(file)));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void readmeAndDocsLinkToFilesAndHeadingsThatExist() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : markdownFiles()) {
      problems.addAll(MarkdownLinks.problems(ROOT, file));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void anchorsAreGitHubs() {
    assertThat(MarkdownLinks.anchors(ROOT.resolve("README.md")))
        .contains("message-hooks-pre--and-post-processing", "api-so-far", "run-it");
  }

  private static List<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThan(1);
    return files;
  }

  @Test
  void aBlockLeftOpenBeforeProseIsFound() {
    // README's "Run it" before issue 18: the fence before the prose was never closed.
    String broken =
        """
        Then, with any SMTP sink listening:

        ```sh
        Every call but the health probes needs a user (README "Security"). Add one to the server

        ```sh
        ear/target/server/bin/add-user.sh -a -u alice -p 'alice-Secret-1' -g sender
        ```
        """;

    assertThat(MarkdownCodeFences.problems("README.md", broken))
        .containsExactly(
            "README.md:4: prose inside the sh block of line 3",
            "README.md:6: a fence opens inside the block opened at line 3, which was never closed");
  }

  @Test
  void anUnclosedBlockAndAnUntaggedFenceAreFound() {
    String markdown = "```\nplain\n```\n\n~~~~sh\nls\n~~~\n";

    assertThat(MarkdownCodeFences.problems("x.md", markdown))
        .containsExactly(
            "x.md:1: opening fence without a language (```text for none)",
            "x.md:5: the block opened here is never closed");
  }

  @Test
  void wellFormedBlocksPass() {
    String markdown =
        """
        Run:

        ```sh
        SPOOLER_SMTP_USERNAME=relay ./spooler run -Dspooler.smtp.port=2525
        # Comments in a shell block are fine.
        ```

        ````text
        ```sh
        a fence shown as text
        ```
        ````
        """;

    assertThat(MarkdownCodeFences.problems("ok.md", markdown)).isEmpty();
  }
}
