package se.npprod.privacy.aws;

import static se.npprod.privacy.aws.Items.key;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.extract.ExtractDownloads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Download links of extracts: the token's entry ({@code DL#<hash>}, written by
 * {@link S3ExtractFiles}), then a presigned S3 GET that works for a minute. Signing calls no AWS
 * service; the link is as good as the role's {@code s3:GetObject} on the extracts prefix.
 */
public final class S3ExtractDownloads implements ExtractDownloads {
  static final Duration LINK_LIFETIME = Duration.ofMinutes(1);

  private final S3Presigner presigner;
  private final String bucket;
  private final DynamoDbClient dynamo;
  private final String table;

  public S3ExtractDownloads(S3Presigner presigner, String bucket, DynamoDbClient dynamo, String table) {
    this.presigner = presigner;
    this.bucket = bucket;
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<Allowed> find(String tokenHash) {
    Map<String, AttributeValue> item = Dependency.call("table", () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.download(tokenHash), Table.DOWNLOAD_SK)).consistentRead(true))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Allowed(Items.string(item, "requestId"), Items.string(item, "key"),
        Items.string(item, "format"), Instant.parse(Items.string(item, "validUntil"))));
  }

  @Override
  public URI link(String key) {
    return URI.create(presigner.presignGetObject(b -> b.signatureDuration(LINK_LIFETIME)
        .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString());
  }
}
