package dev.spooler.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds relative links of a Markdown file that lead nowhere: a file that does not exist, or a
 * heading anchor ({@code #section}, as GitHub derives it) that no heading of the target has. Links
 * inside code blocks and to other sites are not checked.
 */
final class MarkdownLinks {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

  private MarkdownLinks() {}

  /** The broken links of {@code file}, each naming its line. */
  static List<String> problems(Path root, Path file) throws IOException {
    List<String> problems = new ArrayList<>();
    String[] lines = Files.readString(file).split("\n", -1);
    boolean inCode = false;
    for (int i = 0; i < lines.length; i++) {
      if (FENCE.matcher(lines[i]).find()) {
        inCode = !inCode;
      }
      if (inCode) {
        continue;
      }
      Matcher link = LINK.matcher(lines[i]);
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        String where = root.relativize(file) + ":" + (i + 1) + ": ";
        if (!Files.exists(linked)) {
          problems.add(where + "no file " + path);
        } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
          problems.add(where + "no heading for " + target);
        }
      }
    }
    return problems;
  }

  /** GitHub's anchors: the heading in lower case, spaces as hyphens, other punctuation dropped. */
  static Set<String> anchors(Path markdown) {
    Set<String> anchors = new HashSet<>();
    try {
      boolean inCode = false;
      for (String line : Files.readAllLines(markdown)) {
        if (FENCE.matcher(line).find()) {
          inCode = !inCode;
        }
        Matcher heading = HEADING.matcher(line);
        if (!inCode && heading.matches()) {
          anchors.add(
              heading
                  .group(1)
                  .trim()
                  .toLowerCase(Locale.ROOT)
                  .replaceAll("[^\\p{L}\\p{N} _-]", "")
                  .replace(' ', '-'));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return anchors;
  }
}
