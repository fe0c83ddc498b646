package se.npprod.privacy.aws;

/** The shared table's attribute names, as template.yaml declares them. */
public final class Table {
  public static final String PK = "pk";
  public static final String SK = "sk";
  /** DynamoDB's TTL attribute: epoch seconds. Reads filter on it; the retention scan enforces it. */
  public static final String TTL = "expiresAt";
  /** Environment variable naming the table. */
  public static final String TABLE_NAME_ENV = "TABLE_NAME";

  private Table() {}
}
