package dev.spooler.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds malformed fenced code blocks in a Markdown text: a block left open (so that the prose after
 * it renders as code, as README's "Run it" once did), an opening fence without a language, and a
 * sentence inside a shell block. Fences follow CommonMark: up to three spaces, three or more
 * backticks or tildes, a closing fence at least as long and without an info string.
 */
final class MarkdownCodeFences {

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*(\\S*).*$");
  private static final Pattern SHELL = Pattern.compile("sh|bash|shell|console");
  // "Every call but ..." is prose; commands and variables (SPOOLER_X=1 cmd) do not read so.
  private static final Pattern SENTENCE = Pattern.compile("^[A-Z][a-z]+( [a-z]+){3,}");

  private MarkdownCodeFences() {}

  /** The problems of one file, each naming its line; empty when every block is well-formed. */
  static List<String> problems(String name, String markdown) {
    List<String> problems = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    String open = null;
    String language = null;
    int openedAt = 0;
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      Matcher fence = FENCE.matcher(lines[i]);
      if (open == null) {
        if (fence.matches()) {
          open = fence.group(1);
          language = fence.group(2);
          openedAt = line;
          if (language.isEmpty()) {
            problems.add(
                name + ":" + line + ": opening fence without a language (```text for none)");
          }
        }
      } else if (fence.matches() && closes(open, fence)) {
        open = null;
      } else if (fence.matches() && !fence.group(2).isEmpty() && couldClose(open, fence)) {
        problems.add(
            name
                + ":"
                + line
                + ": a fence opens inside the block opened at line "
                + openedAt
                + ", which was never closed");
      } else if (SHELL.matcher(language).matches() && SENTENCE.matcher(lines[i]).find()) {
        problems.add(
            name + ":" + line + ": prose inside the " + language + " block of line " + openedAt);
      }
    }
    if (open != null) {
      problems.add(name + ":" + openedAt + ": the block opened here is never closed");
    }
    return problems;
  }

  private static boolean closes(String open, Matcher fence) {
    return fence.group(2).isEmpty() && couldClose(open, fence);
  }

  /** A fence of this kind and length would close the block (a longer one shows fences as text). */
  private static boolean couldClose(String open, Matcher fence) {
    String marker = fence.group(1);
    return marker.charAt(0) == open.charAt(0) && marker.length() >= open.length();
  }
}
