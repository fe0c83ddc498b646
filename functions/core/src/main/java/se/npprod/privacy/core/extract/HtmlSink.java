package se.npprod.privacy.core.extract;

/**
 * Writes content as HTML. Every text is escaped here, in one place: the data comes from customers
 * and from other systems, and nothing in it may become markup.
 */
final class HtmlSink extends Sink {
  private final StringBuilder out;
  /** Inline styles for mail, where clients drop {@code <style>}; empty for the document. */
  private final boolean inlineStyles;

  HtmlSink(StringBuilder out, boolean inlineStyles) {
    this.out = out;
    this.inlineStyles = inlineStyles;
  }

  @Override
  void h1(String text) {
    tag("h1", "font-size:1.5em;margin:0 0 .5em", text);
  }

  @Override
  void h2(String text) {
    tag("h2", "font-size:1.25em;margin:1.5em 0 .5em", text);
  }

  @Override
  void h3(String text) {
    tag("h3", "font-size:1.1em;margin:1.2em 0 .4em", text);
  }

  @Override
  void h4(String text) {
    tag("h4", "font-size:1em;margin:1em 0 .3em", text);
  }

  private void tag(String name, String style, String text) {
    open(name, style);
    esc(text);
    out.append("</").append(name).append(">\n");
  }

  private void open(String name, String style) {
    out.append('<').append(name);
    if (inlineStyles && style != null) {
      out.append(" style=\"").append(style).append('"');
    }
    out.append('>');
  }

  @Override
  void p(Object... parts) {
    open("p", "margin:0 0 1em");
    parts(parts);
    out.append("</p>\n");
  }

  @Override
  void beginList() {
    open("ul", "margin:0 0 1em;padding-left:1.5em");
    out.append('\n');
  }

  @Override
  void li(Object... parts) {
    out.append("<li>");
    parts(parts);
    out.append("</li>\n");
  }

  @Override
  void beginLi(Object... parts) {
    out.append("<li>");
    parts(parts);
    out.append('\n');
  }

  @Override
  void endLi() {
    out.append("</li>\n");
  }

  @Override
  void endList() {
    out.append("</ul>\n");
  }

  @Override
  void beginDefs() {
    out.append("<dl>\n");
  }

  @Override
  void def(String term, Object... parts) {
    out.append("<dt>");
    esc(term);
    out.append("</dt><dd>");
    parts(parts);
    out.append("</dd>\n");
  }

  @Override
  void beginDef(String term) {
    out.append("<dt>");
    esc(term);
    out.append("</dt><dd>\n");
  }

  @Override
  void endDef() {
    out.append("</dd>\n");
  }

  @Override
  void endDefs() {
    out.append("</dl>\n");
  }

  @Override
  void beginItem(String title) {
    out.append("<div class=\"item\"><p class=\"item-title\"><strong>");
    esc(title);
    out.append("</strong></p>\n");
  }

  @Override
  void endItem() {
    out.append("</div>\n");
  }

  private void parts(Object[] parts) {
    for (Object part : parts) {
      if (part instanceof Link link && linkable(link.href())) {
        out.append("<a href=\"");
        esc(link.href());
        out.append("\">");
        esc(link.text());
        out.append("</a>");
      } else {
        // An address or a summary typed on several lines keeps its lines.
        String text = String.valueOf(part).replace("\r\n", "\n").replace('\r', '\n');
        int from = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
          esc(text.substring(from, nl));
          out.append("<br>\n");
          from = nl + 1;
        }
        esc(text.substring(from));
      }
    }
  }

  /** A link given to us is still never a {@code javascript:} or {@code data:} URL. */
  private static boolean linkable(String href) {
    return href != null && (href.startsWith("https://") || href.startsWith("http://") || href.startsWith("mailto:"));
  }

  private void esc(String s) {
    escape(out, s);
  }

  /**
   * Escapes text for element content and quoted attributes. Control characters other than tab and
   * line breaks have no place in HTML and are dropped, so a stray byte cannot upset a parser.
   */
  static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) || c == '\n' || c == '\t' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    escape(out, s);
    return out.toString();
  }
}
