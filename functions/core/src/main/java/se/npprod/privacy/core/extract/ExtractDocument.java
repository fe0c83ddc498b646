package se.npprod.privacy.core.extract;

import java.io.StringWriter;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;

/**
 * A register extract (GDPR Art. 15, EDPB Guidelines 01/2022) written out from an {@link Extract} and
 * the {@link Policy}: as JSON (the machine-readable copy of Art. 20), as a self-contained HTML
 * document and as plain text for a person to read, and as the mail that sends the links. Every
 * output is a function of the extract and the policy alone: the same input gives the same bytes.
 *
 * <p>The readable outputs are in the extract's language (Swedish unless it is {@code en}); the JSON
 * carries both. Data from the systems is shown exactly as held and escaped, never interpreted.
 */
public final class ExtractDocument {
  /** The JSON's {@code format}: bumped when its shape changes in a way a reader would notice. */
  public static final String FORMAT = ExtractJson.FORMAT;
  /** {@link #otherPeoplesData}'s reason: free text names somebody else's address or phone. */
  public static final String THIRD_PARTY_DATA = ThirdPartyData.REASON;

  /**
   * The page's styles, in the page: the document is opened from a download, offline, and must not
   * fetch anything. The content security policy lets nothing else run or load even if a piece of
   * customer text ever slipped past the escaping.
   */
  private static final String HEAD = """
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="robots" content="noindex">
      <style>
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;max-width:48em;margin:2em auto;padding:0 1em}
      h1{font-size:1.6em;margin:0 0 .6em}
      h2{font-size:1.3em;margin:2em 0 .6em;padding-bottom:.2em;border-bottom:1px solid #bbb}
      h3{font-size:1.15em;margin:1.6em 0 .4em}
      h4{font-size:1em;margin:1.2em 0 .3em}
      p{margin:0 0 .8em}
      dl{display:grid;grid-template-columns:max-content auto;gap:.15em 1em;margin:.3em 0 .8em}
      dt{font-weight:600}
      dd{margin:0;overflow-wrap:anywhere}
      dd dl{margin:0}
      ul{margin:.3em 0 .8em;padding-left:1.4em}
      .item{border:1px solid #ddd;border-radius:4px;padding:.5em .8em;margin:.5em 0}
      .item-title{margin:0 0 .3em}
      .item dl,.item ul{margin-bottom:0}
      @media print{body{margin:0;max-width:none}.item{break-inside:avoid}}
      </style>
      """;

  private ExtractDocument() {}

  /**
   * The machine-readable copy: {@code {"format", "controller", "request", "subject", "systems",
   * "information"}}, every item with its fields exactly as the system gave them.
   */
  public static String json(Extract extract, Policy policy) {
    StringWriter out = new StringWriter(4096 + (int) Math.min(extract.itemCount() * 400, 1L << 20));
    ExtractJson.write(extract, policy, out);
    return out.toString();
  }

  /** The same JSON, streamed to {@code out} (which is flushed, not closed). */
  public static void json(Extract extract, Policy policy, Writer out) {
    ExtractJson.write(extract, policy, new NonClosing(out));
  }

  /** The extract as one self-contained HTML document: inline styles, no scripts, nothing fetched. */
  public static String html(Extract extract, Policy policy) {
    boolean sv = Words.swedish(extract.language());
    StringBuilder out = new StringBuilder(8192 + (int) Math.min(extract.itemCount() * 600, 1L << 20));
    out.append("<!DOCTYPE html>\n<html lang=\"").append(sv ? "sv" : "en").append("\">\n<head>\n").append(HEAD)
        .append("<title>");
    HtmlSink.escape(out, ExtractWriter.title(extract, policy) + " – " + extract.caseNumber());
    out.append("</title>\n</head>\n<body>\n<main>\n");
    new ExtractWriter(extract, policy, new HtmlSink(out, false)).write();
    return out.append("</main>\n</body>\n</html>\n").toString();
  }

  /** The extract as plain text, wrapped for reading: the same content as {@link #html}. */
  public static String text(Extract extract, Policy policy) {
    TextSink sink = new TextSink(new StringBuilder(4096 + (int) Math.min(extract.itemCount() * 300, 1L << 20)));
    new ExtractWriter(extract, policy, sink).write();
    return sink.finish();
  }

  /** The subject line of the mail that goes with the extract. */
  public static String subject(Extract extract, Policy policy) {
    return SummaryWriter.subject(extract, policy);
  }

  /**
   * The mail's plain text: what we hold per system, the links and until when they work, the Art. 15
   * information in short. When no system holds anything and every system answered, a short answer
   * saying so instead, and the links may be null.
   *
   * @throws IllegalArgumentException when the extract holds data and a link is missing
   */
  public static String summary(Extract extract, Policy policy, String htmlLink, String jsonLink,
      LocalDate linksValidThrough) {
    requireLinks(extract, htmlLink, jsonLink);
    TextSink sink = new TextSink(new StringBuilder(4096));
    new SummaryWriter(extract, policy, htmlLink, jsonLink, linksValidThrough, sink).write();
    return sink.finish();
  }

  /** The same mail as simple HTML, styled inline (mail clients drop style sheets). */
  public static String summaryHtml(Extract extract, Policy policy, String htmlLink, String jsonLink,
      LocalDate linksValidThrough) {
    requireLinks(extract, htmlLink, jsonLink);
    boolean sv = Words.swedish(extract.language());
    StringBuilder out = new StringBuilder(8192);
    out.append("<!DOCTYPE html>\n<html lang=\"").append(sv ? "sv" : "en")
        .append("\">\n<head><meta charset=\"utf-8\"><title>");
    HtmlSink.escape(out, subject(extract, policy));
    out.append("</title></head>\n<body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\">\n");
    new SummaryWriter(extract, policy, htmlLink, jsonLink, linksValidThrough, new HtmlSink(out, true)).write();
    return out.append("</body>\n</html>\n").toString();
  }

  /**
   * Art. 15(4): whether the extract's free text names somebody else (an email address other than
   * the extract's own, a phone number other than the person's own), so that a person on the privacy
   * team must look at it before it is sent. Only a reason code: never the value found.
   */
  public static Optional<String> otherPeoplesData(Extract extract) {
    return ThirdPartyData.check(extract);
  }

  private static void requireLinks(Extract extract, String htmlLink, String jsonLink) {
    if (!SummaryWriter.nothingHeld(extract) && extract.holdsAnything() && (htmlLink == null || jsonLink == null)) {
      throw new IllegalArgumentException("an extract that holds data needs both download links in its mail");
    }
  }

  /** Jackson closes the writer it was given; a caller's stream stays the caller's to close. */
  private static final class NonClosing extends java.io.FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }
}
