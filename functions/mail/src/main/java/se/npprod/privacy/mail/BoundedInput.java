package se.npprod.privacy.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The raw message, counted, and never read more than one byte past the limit: a mail too large to
 * take is refused after {@code limit + 1} bytes, not after all of them. A failure of the source
 * itself (S3 dropping the connection) is told apart from a broken mail, which the caller must not
 * confuse: the first is worth another try, the second is not.
 */
final class BoundedInput extends FilterInputStream {
  /** Thrown into the parser when the limit is passed; the parser's own exceptions may wrap it. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("over the size limit");
    }
  }

  private final long limit;
  private long count;
  private boolean exceeded;
  private UncheckedIOException sourceFailure;

  BoundedInput(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    checkLimit();
    int b = source(() -> in.read());
    if (b >= 0) {
      count++;
      checkLimit();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    checkLimit();
    // Never ask for more than one byte past the limit, so nothing beyond it is read.
    int wanted = (int) Math.min(length, limit - count + 1);
    int n = source(() -> in.read(buffer, offset, wanted));
    if (n > 0) {
      count += n;
      checkLimit();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** The caller opened the raw stream and closes it; mime4j closes the streams it is given. */
  @Override
  public void close() {}

  /** Reads what the parser left (an epilogue, trailing bytes), so that the size and the limit cover it. */
  void drain() throws IOException {
    byte[] sink = new byte[8192];
    while (read(sink, 0, sink.length) >= 0) {
      // counted by read
    }
  }

  long count() {
    return count;
  }

  boolean exceeded() {
    return exceeded;
  }

  /** The source's own failure, if the source failed; null when only the mail was at fault. */
  UncheckedIOException sourceFailure() {
    return sourceFailure;
  }

  private void checkLimit() throws TooLarge {
    if (count > limit) {
      exceeded = true;
      throw new TooLarge();
    }
  }

  private interface Read {
    int get() throws IOException;
  }

  private int source(Read read) throws IOException {
    try {
      return read.get();
    } catch (IOException e) {
      sourceFailure = new UncheckedIOException("The raw mail could not be read", e);
      throw e;
    }
  }
}
