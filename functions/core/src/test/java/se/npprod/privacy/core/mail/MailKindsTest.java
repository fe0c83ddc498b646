package se.npprod.privacy.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailKindsTest {
  private static final String PERSON = "Anna Andersson <anna@example.se>";

  private static Map<String, List<String>> headers(String... nameValue) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("from", List.of(PERSON));
    for (int i = 0; i < nameValue.length; i += 2) {
      headers.computeIfAbsent(nameValue[i], k -> new java.util.ArrayList<>()).add(nameValue[i + 1]);
    }
    return headers;
  }

  @Test
  void mailFromAPersonIsPersonal() {
    assertThat(MailKinds.of(headers("subject", "Radera mig"), "<anna@example.se>", "Radera mig"))
        .isEqualTo(MailKind.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto-replied", "auto-generated", "auto-notified", "Auto-Replied; owner-email=\"a@b\""})
  void anyAutoSubmittedOtherThanNoIsAnAutoReply(String value) {
    assertThat(MailKinds.of(headers("auto-submitted", value), "<anna@example.se>", "Frånvaro"))
        .isEqualTo(MailKind.AUTO_REPLY);
  }

  @Test
  void autoSubmittedNoIsWhatAPersonSends() {
    assertThat(MailKinds.of(headers("auto-submitted", "no"), "<anna@example.se>", "Hej"))
        .isEqualTo(MailKind.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-autoreply", "x-autorespond"})
  void vendorAutoReplyHeadersAreAutoReplies(String name) {
    assertThat(MailKinds.of(headers(name, "yes"), "<anna@example.se>", "Hej")).isEqualTo(MailKind.AUTO_REPLY);
  }

  @Test
  void autoResponseSuppressAloneIsNotAnAutoReplyBecauseOutlookSetsItOnOrdinaryMail() {
    Map<String, List<String>> outlook = headers("x-auto-response-suppress", "All", "thread-index", "AdmZ");

    assertThat(MailKinds.of(outlook, "<anna@example.se>", "Begäran om registerutdrag"))
        .isEqualTo(MailKind.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Automatiskt svar: Din order", "Automatic reply: Your order", "Out of Office: Hej", "Frånvaro"})
  void autoResponseSuppressWithAnOutOfOfficeSubjectIsAnAutoReply(String subject) {
    assertThat(MailKinds.of(headers("x-auto-response-suppress", "All"), "<anna@example.se>", subject))
        .isEqualTo(MailKind.AUTO_REPLY);
  }

  @Test
  void autoResponseSuppressFromAnExchangeMailboxRuleIsAnAutoReply() {
    Map<String, List<String>> oof = headers(
        "x-auto-response-suppress", "All", "x-ms-exchange-inbox-rules-loop", "anna@example.se");

    assertThat(MailKinds.of(oof, "<anna@example.se>", "Din order")).isEqualTo(MailKind.AUTO_REPLY);
  }

  @Test
  void suppressingOnlyReceiptsSaysNothingAboutTheMail() {
    assertThat(MailKinds.of(headers("x-auto-response-suppress", "DR, RN, NRN"), "<anna@example.se>", "Frånvaro"))
        .isEqualTo(MailKind.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"list-id", "list-unsubscribe"})
  void listHeadersMakeAMailingListMail(String name) {
    assertThat(MailKinds.of(headers(name, "<nyheter.example.se>"), "<bounce@example.se>", "Nyheter"))
        .isEqualTo(MailKind.MAILING_LIST);
  }

  @Test
  void precedenceListIsAMailingList() {
    assertThat(MailKinds.of(headers("precedence", "list"), "<a@example.se>", "x")).isEqualTo(MailKind.MAILING_LIST);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bulk", "junk", "Bulk"})
  void precedenceBulkOrJunkIsAnAutoReply(String value) {
    assertThat(MailKinds.of(headers("precedence", value), "<a@example.se>", "x")).isEqualTo(MailKind.AUTO_REPLY);
  }

  @Test
  void aNewsletterWithListUnsubscribeAndPrecedenceBulkIsAMailingList() {
    assertThat(MailKinds.of(headers("precedence", "bulk", "list-unsubscribe", "<https://x>"), "<b@x.se>", "x"))
        .isEqualTo(MailKind.MAILING_LIST);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<>", "", " < > ", "<<>>"})
  void anEmptyReturnPathIsABounce(String returnPath) {
    assertThat(MailKinds.of(headers(), returnPath, "Hej")).isEqualTo(MailKind.BOUNCE);
  }

  @Test
  void anUnknownReturnPathSaysNothing() {
    assertThat(MailKinds.of(headers(), null, "Hej")).isEqualTo(MailKind.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Mail Delivery System <MAILER-DAEMON@mx.example.se>",
      "MAILER-DAEMON@mx.example.se (Mail Delivery System)",
      "postmaster@example.se",
  })
  void mailFromTheMailerDaemonOrPostmasterIsABounce(String from) {
    Map<String, List<String>> headers = headers();
    headers.put("from", List.of(from));

    assertThat(MailKinds.of(headers, "<>", "Undelivered Mail Returned to Sender")).isEqualTo(MailKind.BOUNCE);
  }

  @Test
  void aDeliveryStatusReportIsABounceEvenWithAutoSubmitted() {
    Map<String, List<String>> report = headers(
        "content-type", "multipart/report; report-type=delivery-status;\tboundary=\"b1\"",
        "auto-submitted", "auto-replied");

    assertThat(MailKinds.of(report, "<anna@example.se>", "Olevererbart")).isEqualTo(MailKind.BOUNCE);
  }

  @Test
  void anAutoReplySentWithANullReturnPathIsStillAnAutoReply() {
    assertThat(MailKinds.of(headers("auto-submitted", "auto-replied"), "<>", "Frånvaro"))
        .isEqualTo(MailKind.AUTO_REPLY);
  }

  @Test
  void aReadReceiptIsAnAutoReply() {
    Map<String, List<String>> receipt = headers(
        "content-type", "multipart/report; report-type=disposition-notification; boundary=x");

    assertThat(MailKinds.of(receipt, "<anna@example.se>", "Läst: Hej")).isEqualTo(MailKind.AUTO_REPLY);
  }
}
