package se.npprod.privacy.core.extract;

/**
 * Writes content as plain text wrapped at {@value #WIDTH} columns: headings underlined ("=", "-",
 * "~"), lists with dashes, records indented under their titles. Lines break only at spaces, so a
 * link or an order number is never cut in two; a word longer than a line gets a line of its own.
 */
final class TextSink extends Sink {
  static final int WIDTH = 76;

  private final StringBuilder out;
  private int depth;

  TextSink(StringBuilder out) {
    this.out = out;
  }

  @Override
  void h1(String text) {
    underline(text, '=');
  }

  @Override
  void h2(String text) {
    underline(text, '-');
  }

  /** Underlined as long as the heading's longest line, when it wraps. */
  private void underline(String text, char c) {
    blank();
    int from = out.length();
    wrap(text, indent(), indent());
    int longest = 0;
    for (String line : out.substring(from).split("\n")) {
      longest = Math.max(longest, line.length() - indent().length());
    }
    out.append(indent()).append(String.valueOf(c).repeat(longest)).append('\n');
    blank();
  }

  /** Underlined too, not upper-cased: a system's name is shown as it is written. */
  @Override
  void h3(String text) {
    underline(text, '~');
  }

  @Override
  void h4(String text) {
    blank();
    wrap(text, indent(), indent());
  }

  @Override
  void p(Object... parts) {
    blank();
    wrap(plainText(parts), indent(), indent());
    blank();
  }

  @Override
  void beginList() {
    if (depth == 0) {
      blank();
    }
  }

  @Override
  void li(Object... parts) {
    wrap(plainText(parts), indent() + "- ", indent() + "  ");
  }

  @Override
  void beginLi(Object... parts) {
    li(parts);
    depth++;
  }

  @Override
  void endLi() {
    depth--;
  }

  @Override
  void endList() {
    if (depth == 0) {
      blank();
    }
  }

  @Override
  void beginDefs() {
    if (depth == 0) {
      blank();
    }
  }

  @Override
  void def(String term, Object... parts) {
    wrap(term + ": " + plainText(parts), indent(), indent() + "  ");
  }

  @Override
  void beginDef(String term) {
    wrap(term + ":", indent(), indent() + "  ");
    depth++;
  }

  @Override
  void endDef() {
    depth--;
  }

  @Override
  void endDefs() {
    if (depth == 0) {
      blank();
    }
  }

  /** A record's title with a star, so that records stand apart from the headings above them. */
  @Override
  void beginItem(String title) {
    blank();
    wrap(title, indent() + "* ", indent() + "  ");
    depth++;
  }

  @Override
  void endItem() {
    depth--;
  }

  /** The text written, ending in exactly one line break. */
  String finish() {
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '\n') {
      end--;
    }
    out.setLength(end);
    return out.append('\n').toString();
  }

  /** A link shows its address in angle brackets, as plain-text mail has always done. */
  private static String plainText(Object[] parts) {
    StringBuilder s = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Link link) {
        String href = link.href() == null ? "" : link.href();
        if (href.startsWith("mailto:") || href.isEmpty() || href.equals(link.text())) {
          s.append(link.text());
        } else {
          s.append(link.text()).append(" <").append(href).append('>');
        }
      } else {
        s.append(part);
      }
    }
    return s.toString();
  }

  private String indent() {
    return "  ".repeat(depth);
  }

  private void blank() {
    int n = out.length();
    if (n > 0 && !(n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
      out.append('\n');
    }
  }

  private void wrap(String text, String first, String rest) {
    String prefix = first;
    for (String hardLine : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
      StringBuilder line = new StringBuilder(prefix);
      boolean words = false;
      for (String word : hardLine.split(" ")) {
        if (word.isEmpty()) {
          continue;
        }
        if (words && line.length() + 1 + word.length() > WIDTH) {
          emit(line);
          line = new StringBuilder(rest);
          words = false;
        }
        if (words) {
          line.append(' ');
        }
        line.append(word);
        words = true;
      }
      emit(line);
      prefix = rest;
    }
  }

  private void emit(StringBuilder line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    out.append(line, 0, end).append('\n');
  }
}
