package se.npprod.privacy.core.mail;

import java.util.Objects;

/**
 * A part of a mail that is not its text: what it was called, its type and its decoded size. The
 * bytes themselves are not kept.
 *
 * @param fileName the decoded file name, empty when the part has none (an inline image, a
 *     forwarded message without a name)
 * @param contentType the MIME type in lower case, without parameters
 */
public record Attachment(String fileName, String contentType, long sizeBytes) {

  public Attachment {
    fileName = fileName == null ? "" : fileName;
    Objects.requireNonNull(contentType, "contentType");
  }

  /** Without the file name, which often names a person ("passport-anna.pdf"). */
  @Override
  public String toString() {
    return "Attachment[" + contentType + ", " + sizeBytes + " bytes]";
  }
}
