package se.npprod.privacy.local.testfunctions;

import java.util.List;

/**
 * Test-only: the event of an SES Lambda action as a Java function can declare it. The Java events
 * library (aws-lambda-java-events 3.16.1) has no class for it, and the Lambda runtime deserialises
 * with its own, shaded Jackson, which sees no annotations of the function's: so the fields are
 * public and named exactly as in the JSON ({@code Records} with its capital R).
 */
public class SesEvent {
  public List<Record> Records;

  public static class Record {
    public String eventSource;
    public String eventVersion;
    public Ses ses;
  }

  public static class Ses {
    public Mail mail;
    public Receipt receipt;
  }

  public static class Mail {
    public String timestamp;
    public String source;
    public String messageId;
    public List<String> destination;
    public boolean headersTruncated;
    public List<Header> headers;
    public CommonHeaders commonHeaders;
  }

  public static class Header {
    public String name;
    public String value;
  }

  public static class CommonHeaders {
    public String returnPath;
    public List<String> from;
    public List<String> sender;
    public List<String> replyTo;
    public String date;
    public List<String> to;
    public List<String> cc;
    public List<String> bcc;
    public String messageId;
    public String subject;
  }

  public static class Receipt {
    public String timestamp;
    public long processingTimeMillis;
    public List<String> recipients;
    public Verdict spamVerdict;
    public Verdict virusVerdict;
    public Verdict spfVerdict;
    public Verdict dkimVerdict;
    public Verdict dmarcVerdict;
    public String dmarcPolicy;
    public Action action;
  }

  public static class Verdict {
    public String status;
  }

  public static class Action {
    public String type;
    public String functionArn;
    public String invocationType;
  }
}
