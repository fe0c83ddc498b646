package se.npprod.privacy.aws;

import static se.npprod.privacy.aws.Items.key;
import static se.npprod.privacy.aws.Items.n;
import static se.npprod.privacy.aws.Items.s;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import se.npprod.privacy.core.extract.ExtractFiles;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Extracts waiting for download: the files in S3 (the bucket encrypts them and its lifecycle rule
 * deletes them, see template.yaml), under a random key so that no name can be guessed; each
 * download link's token hash in the table ({@code DL#<hash>}), naming the file and until when.
 */
public final class S3ExtractFiles implements ExtractFiles {
  public static final String BUCKET_ENV = "EXTRACT_BUCKET";
  /** Keys start here; the bucket's lifecycle rule applies to this prefix. */
  public static final String PREFIX = "extracts/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final S3Client s3;
  private final String bucket;
  private final DynamoDbClient dynamo;
  private final String table;

  public S3ExtractFiles(S3Client s3, String bucket, DynamoDbClient dynamo, String table) {
    this.s3 = s3;
    this.bucket = bucket;
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public String store(String requestId, String fileName, String contentType, byte[] content, Instant keepUntil) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String key = PREFIX + requestId + "/" + HexFormat.of().formatHex(random) + "/" + fileName;
    Dependency.call("files", () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
        .contentDisposition("attachment; filename=\"" + fileName + "\"").expires(keepUntil),
        RequestBody.fromBytes(content)));
    return key;
  }

  @Override
  public void allowDownload(String tokenHash, String requestId, String key, String format, Instant validUntil) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.download(tokenHash), Table.DOWNLOAD_SK));
    item.put("requestId", s(requestId));
    item.put("key", s(key));
    item.put("format", s(format));
    item.put("validUntil", s(validUntil.toString()));
    item.put(Table.TTL, n(validUntil.getEpochSecond() + 86_400));
    Table.listForRetention(item, validUntil);
    Dependency.call("table", () -> dynamo.putItem(b -> b.tableName(table).item(item)
        .conditionExpression("attribute_not_exists(pk)")));
  }
}
