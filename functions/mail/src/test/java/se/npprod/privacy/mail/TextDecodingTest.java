package se.npprod.privacy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TextDecodingTest {
  private static final String SWEDISH = "Räksmörgås – 499 € ”tack”";

  @ParameterizedTest
  @CsvSource({"utf-8, UTF-8", "UTF8, UTF-8", "windows-1252, windows-1252", "iso-8859-1, windows-1252",
      "latin1, windows-1252", "\"utf-8\", UTF-8"})
  void decodesWithTheDeclaredCharsetReadingLatin1AsWindows1252(String declared, String written) {
    byte[] bytes = SWEDISH.getBytes(Charset.forName(written));

    assertThat(TextDecoding.decode(bytes, declared)).isEqualTo(SWEDISH);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"us-ascii", "x-unknown-charset", "bad name!"})
  void guessesUtf8OrWindows1252WhenTheLabelCannotBeRight(String declared) {
    assertThat(TextDecoding.decode(SWEDISH.getBytes(StandardCharsets.UTF_8), declared)).isEqualTo(SWEDISH);
    assertThat(TextDecoding.decode(SWEDISH.getBytes(Charset.forName("windows-1252")), declared)).isEqualTo(SWEDISH);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"utf-8"})
  void dropsAByteOrderMark(String declared) {
    byte[] bom = "\uFEFFHej".getBytes(StandardCharsets.UTF_8);

    assertThat(TextDecoding.decode(bom, declared)).isEqualTo("Hej");
  }
}
