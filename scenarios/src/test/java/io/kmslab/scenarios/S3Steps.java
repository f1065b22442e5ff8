package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.kmslab.Caller;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.billing.Bill;
import io.kmslab.billing.RequestClass;
import io.kmslab.scenarios.ServiceOutcome.Service;
import io.kmslab.services.AwsCloud;
import io.kmslab.services.s3.CopyObjectRequest;
import io.kmslab.services.s3.CreateBucketRequest;
import io.kmslab.services.s3.CreateMultipartUploadRequest;
import io.kmslab.services.s3.CreateMultipartUploadResponse;
import io.kmslab.services.s3.GetObjectRequest;
import io.kmslab.services.s3.HeadObjectRequest;
import io.kmslab.services.s3.HeadObjectResponse;
import io.kmslab.services.s3.PutBucketEncryptionRequest;
import io.kmslab.services.s3.PutBucketPolicyRequest;
import io.kmslab.services.s3.PutObjectRequest;
import io.kmslab.services.s3.S3;
import io.kmslab.services.s3.ServerSideEncryption;
import io.kmslab.services.s3.ServerSideEncryptionConfiguration;
import io.kmslab.services.s3.UploadPartRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 with server-side encryption: buckets, their default encryption and policy, objects written and read by the
 * principals of a scenario, and what S3 asked of KMS for them (the KMS events S3 invoked, the KMS decision behind a
 * refusal, the requests metered and billed). S3 is the lab's engine ({@code AwsCloud.of(world.lab())}), the same lab an
 * endpoint run serves, so these steps read the same trail in both runs; the KMS steps they are mixed with go through
 * {@code world.kms(...)}.
 */
public class S3Steps {
    private static final String NONE = "-";
    private static final String S3_SERVICE = "s3.amazonaws.com";
    private static final Pattern SETTING = Pattern.compile("(SSE-S3|SSE-KMS|DSSE-KMS)(?: under (?:(the key|key [A-Z])"
            + "( by its key id| by its ARN)?|the key id \"([^\"]*)\"|(aws/s3)))?( and an S3 Bucket Key)?");

    private final LabWorld world;
    private final AuthorizationWorld access;
    private final ServiceOutcome outcome;
    private final Map<String, String> bucketOwners = new HashMap<>();
    private byte[] body;
    private HeadObjectResponse head;
    private CreateMultipartUploadResponse upload;

    public S3Steps(LabWorld world, AuthorizationWorld access, ServiceOutcome outcome) {
        this.world = world;
        this.access = access;
        this.outcome = outcome;
    }

    /** How a bucket or a request says to encrypt: "SSE-KMS under the key and an S3 Bucket Key", "SSE-S3"... */
    public record Encryption(ServerSideEncryption sse, String keyRef, boolean byKeyId, String literalKeyId,
            boolean bucketKey) {
    }

    /** Who makes an S3 request: "I" (the root user of the account the scenario works in) or a principal's name. */
    @ParameterType("I|the root user of account \\d{12}|the root user|[a-z][a-z0-9-]*")
    public String requester(String text) {
        return text;
    }

    @ParameterType("SSE-S3|(?:SSE-KMS|DSSE-KMS) under (?:(?:the key|key [A-Z])(?: by its key id| by its ARN)?"
            + "|the key id \"[^\"]*\"|aws/s3)(?: and an S3 Bucket Key)?")
    public Encryption encryption(String text) {
        Matcher m = SETTING.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an encryption setting: " + text);
        }
        ServerSideEncryption sse = switch (m.group(1)) {
            case "SSE-S3" -> ServerSideEncryption.AES256;
            case "SSE-KMS" -> ServerSideEncryption.AWS_KMS;
            default -> ServerSideEncryption.AWS_KMS_DSSE;
        };
        return new Encryption(sse, m.group(2), " by its key id".equals(m.group(3)), m.group(4), m.group(6) != null);
    }

    // ------------------------------------------------------------------------------------------ buckets

    @Given("the bucket {string} in {region}")
    public void theBucketIn(String bucket, String region) {
        accountOwnsTheBucket(world.account(), bucket, region);
    }

    @Given("account {account} owns the bucket {string} in {region}")
    public void accountOwnsTheBucket(String account, String bucket, String region) {
        s3(Caller.root(account)).createBucket(CreateBucketRequest.of(bucket, region));
        bucketOwners.put(bucket, account);
    }

    /** A key of another account, in the Region the scenario works in. */
    @Given("{keyRef} is a symmetric key of account {account}")
    public void isASymmetricKeyOfAccount(String name, String account) {
        KeyMetadata key = world.kms(account, world.region()).createKey(CreateKeyRequest.of()).keyMetadata();
        world.remember(name, key);
    }

    /** PutBucketEncryption by the bucket's owner. */
    @Given("the bucket {string} encrypts new objects with {encryption}")
    public void theBucketEncryptsNewObjectsWith(String bucket, Encryption encryption) {
        owner(bucket).putBucketEncryption(PutBucketEncryptionRequest.of(bucket, ServerSideEncryptionConfiguration.of(
                encryption.sse(), keyId(encryption), encryption.bucketKey())));
    }

    @Given("the bucket policy of {string} is:")
    public void theBucketPolicyIs(String bucket, String policy) {
        owner(bucket).putBucketPolicy(PutBucketPolicyRequest.of(bucket, policy));
    }

    // ------------------------------------------------------------------------------------------ objects

    /** The object holds "contents of <key>"; no encryption header: the bucket's default applies. */
    @When("{requester} put(s) the object {string} in {string}")
    public void putsTheObject(String requester, String key, String bucket) {
        attempt(() -> s3(requester).putObject(PutObjectRequest.of(bucket, key, contentsOf(key))));
    }

    /** With the encryption headers the setting names (x-amz-server-side-encryption, its key id). */
    @When("{requester} put(s) the object {string} in {string} with {encryption}")
    public void putsTheObjectWith(String requester, String key, String bucket, Encryption encryption) {
        PutObjectRequest request = PutObjectRequest.of(bucket, key, contentsOf(key))
                .withServerSideEncryption(encryption.sse()).withSsekmsKeyId(keyId(encryption));
        attempt(() -> s3(requester).putObject(encryption.bucketKey() ? request.withBucketKeyEnabled(true)
                : request));
    }

    @When("{requester} get(s) the object {string} from {string}")
    public void getsTheObject(String requester, String key, String bucket) {
        body = attempt(() -> s3(requester).getObject(GetObjectRequest.of(bucket, key)).body());
    }

    @When("{requester} read(s) the head of the object {string} in {string}")
    public void readsTheHead(String requester, String key, String bucket) {
        head = attempt(() -> s3(requester).headObject(HeadObjectRequest.of(bucket, key)));
    }

    @When("{requester} copy/copies the object {string} of {string} to {string} in {string}")
    public void copiesTheObject(String requester, String key, String bucket, String toKey, String toBucket) {
        attempt(() -> s3(requester).copyObject(CopyObjectRequest.of(bucket, key, toBucket, toKey)));
    }

    /** Objects "object-1" to "object-<n>", the clock moving between two PUTs. */
    @When("{requester} put(s) {int} objects in {string}, one every {int} seconds")
    public void putsObjects(String requester, int count, String bucket, int seconds) {
        S3 s3 = s3(requester);
        for (int i = 1; i <= count; i++) {
            String key = "object-" + i;
            attempt(() -> s3.putObject(PutObjectRequest.of(bucket, key, contentsOf(key))));
            requireSuccess();
            world.lab().clock().advance(Duration.ofSeconds(seconds));
        }
    }

    @When("{requester} get(s) the {int} objects from {string}")
    public void getsObjects(String requester, int count, String bucket) {
        S3 s3 = s3(requester);
        for (int i = 1; i <= count; i++) {
            String key = "object-" + i;
            byte[] read = attempt(() -> s3.getObject(GetObjectRequest.of(bucket, key)).body());
            requireSuccess();
            assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("contents of " + key);
        }
    }

    // ------------------------------------------------------------------------------------------ multipart uploads

    @When("{requester} start(s) a multipart upload of {string} in {string} with {encryption}")
    public void startsAMultipartUpload(String requester, String key, String bucket, Encryption encryption) {
        CreateMultipartUploadRequest request = new CreateMultipartUploadRequest(bucket, key, encryption.sse(),
                keyId(encryption), null, encryption.bucketKey() ? Boolean.TRUE : null);
        upload = attempt(() -> s3(requester).createMultipartUpload(request));
    }

    @When("{requester} upload(s) part {int} of the multipart upload")
    public void uploadsAPart(String requester, int part) {
        assertThat(upload).as("a multipart upload started").isNotNull();
        attempt(() -> s3(requester).uploadPart(UploadPartRequest.of(upload.bucket(), upload.key(), upload.uploadId(),
                part, contentsOf(upload.key() + " part " + part))));
    }

    // ------------------------------------------------------------------------------------------ many PUTs

    /** Each bucket's owner (its root user) puts the objects; a pair of PUTs, then the clock moves. */
    @When("{count} objects are put into each of {string} and {string}, evenly over {duration}")
    public void objectsArePutEvenlyOver(Long count, String first, String second, Duration span) {
        putEvenly(count, first, second, span);
    }

    @When("{count} objects are put into each of {string} and {string}, evenly over {month}")
    public void objectsArePutEvenlyOverTheMonth(Long count, String first, String second, YearMonth month) {
        assertThat(world.now()).as("the month starts now")
                .isEqualTo(month.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        putEvenly(count, first, second, Duration.ofDays(month.lengthOfMonth()));
    }

    private void putEvenly(long count, String first, String second, Duration span) {
        S3 one = owner(first);
        S3 two = owner(second);
        Duration step = span.dividedBy(count);
        byte[] data = new byte[64];
        long started = System.nanoTime();
        for (long i = 0; i < count; i++) {
            String key = "events/" + i;
            one.putObject(PutObjectRequest.of(first, key, data));
            two.putObject(PutObjectRequest.of(second, key, data));
            world.lab().clock().advance(step);
        }
        world.log(String.format("%,d PUTs into each bucket, one pair every %s, in %.1f s", count, step,
                (System.nanoTime() - started) / 1e9));
    }

    // ------------------------------------------------------------------------------------------ outcomes

    @Then("the object reads {string}")
    public void theObjectReads(String text) {
        requireSuccess();
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Then("HeadObject shows {word} with {keyRef}")
    public void headObjectShows(String sse, String keyRef) {
        requireSuccess();
        assertThat(head.serverSideEncryption().value()).isEqualTo(sse);
        assertThat(head.ssekmsKeyId()).isEqualTo(world.key(keyRef).arn());
        assertThat(head.bucketKeyEnabled()).isFalse();
    }

    @Then("HeadObject shows {word} with {keyRef} and an S3 Bucket Key")
    public void headObjectShowsWithABucketKey(String sse, String keyRef) {
        requireSuccess();
        assertThat(head.serverSideEncryption().value()).isEqualTo(sse);
        assertThat(head.ssekmsKeyId()).isEqualTo(world.key(keyRef).arn());
        assertThat(head.bucketKeyEnabled()).isTrue();
    }

    /**
     * The KMS calls S3 made (events invokedBy s3.amazonaws.com) in an account's trail. Rows: event, caller (a
     * principal of the scenario), aws:s3:arn (of the encryption context), error code ("-" for none).
     */
    @Then("the trail of account {account} shows these calls from S3, oldest first:")
    public void theTrailShowsTheseCallsFromS3(String account, List<Map<String, String>> rows) {
        List<AuditEvent> calls = callsFromS3(account);
        calls.forEach(e -> world.log(io.kmslab.audit.AuditTrail.toJson(e)));
        assertThat(calls).extracting(AuditEvent::eventName)
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("event")).toList());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            AuditEvent e = calls.get(i);
            assertThat(e.userIdentity().arn()).as("caller of call %d", i + 1)
                    .isEqualTo(caller(row.get("caller")).arn());
            assertThat(((Map<?, ?>) e.requestParameters().get("encryptionContext")).get("aws:s3:arn"))
                    .as("aws:s3:arn of call %d", i + 1).isEqualTo(row.get("aws:s3:arn"));
            String code = row.get("error code");
            assertThat(e.errorCode()).as("error code of call %d", i + 1).isEqualTo(code.equals(NONE) ? null : code);
        }
    }

    @Then("the trail of account {account} shows {count} {word} call(s) from S3")
    public void theTrailShowsCallsFromS3(String account, Long count, String eventName) {
        assertThat(callsFromS3(account).stream().filter(e -> e.eventName().equals(eventName)).count())
                .isEqualTo(count);
    }

    /**
     * The first row names the accounts; each further row one figure for each: "GenerateDataKey calls from S3" (the
     * trail), "KMS requests metered" (the meter's symmetric requests), "requests on the bill", "key fee", "KMS bill"
     * (the bill of the month as of now).
     */
    @Then("the KMS requests of {month} compare as:")
    public void theKmsRequestsCompareAs(YearMonth month, List<List<String>> table) {
        List<String> accounts = table.get(0).subList(1, table.get(0).size());
        StringBuilder report = new StringBuilder();
        for (List<String> row : table.subList(1, table.size())) {
            report.append(row.get(0));
            for (int i = 0; i < accounts.size(); i++) {
                String account = accounts.get(i);
                String actual = figure(row.get(0), account, month);
                report.append(" | ").append(account).append(": ").append(actual);
                assertThat(actual).as("%s of account %s", row.get(0), account).isEqualTo(row.get(i + 1));
            }
            report.append('\n');
        }
        world.log(report.toString());
    }

    private String figure(String label, String account, YearMonth month) {
        return switch (label) {
            case "GenerateDataKey calls from S3" -> String.format("%,d", world.lab().auditTrail().events()
                    .filter(e -> account.equals(e.recipientAccountId()) && e.eventName().equals("GenerateDataKey")
                            && fromS3(e)).count());
            case "KMS requests metered" -> String.format("%,d", world.lab().meter().usage(account, month).entrySet()
                    .stream().filter(e -> e.getKey().requestClass() == RequestClass.SYMMETRIC)
                    .mapToLong(Map.Entry::getValue).sum());
            case "requests on the bill" -> "$" + bill(account, month).requestsTotal();
            case "key fee" -> "$" + bill(account, month).keyFeesTotal();
            case "KMS bill" -> "$" + bill(account, month).total();
            default -> throw new IllegalArgumentException("No figure called '" + label + "'");
        };
    }

    private Bill bill(String account, YearMonth month) {
        Bill bill = world.lab().bill(account, month);
        world.log(bill.render());
        return bill;
    }

    // ------------------------------------------------------------------------------------------ requests and errors

    /** An S3 request whose answer a later step checks ({@link ServiceAnswerSteps}). */
    private <T> T attempt(Supplier<T> request) {
        body = null;
        return outcome.attempt(Service.S3, request);
    }

    private void requireSuccess() {
        outcome.requireSuccess();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private S3 s3(String requester) {
        return s3(caller(requester));
    }

    private S3 s3(Caller caller) {
        return AwsCloud.of(world.lab()).s3(caller);
    }

    private Caller caller(String requester) {
        return requester.equals("I") ? Caller.root(world.account()) : access.principal(requester);
    }

    /** S3 as the bucket's owner (the root user of the account that created it). */
    private S3 owner(String bucket) {
        String account = bucketOwners.get(bucket);
        assertThat(account).as("a bucket called '%s' in this scenario", bucket).isNotNull();
        return s3(Caller.root(account));
    }

    /** The key id a setting names: the key ARN unless "by its key id", the literal id, or none for aws/s3. */
    private String keyId(Encryption encryption) {
        if (encryption.literalKeyId() != null) {
            return encryption.literalKeyId();
        }
        if (encryption.keyRef() == null) {
            return null;
        }
        KeyMetadata key = world.key(encryption.keyRef());
        return encryption.byKeyId() ? key.keyId() : key.arn();
    }

    private List<AuditEvent> callsFromS3(String account) {
        return world.lab().auditTrail().query(AuditQuery.account(account)).stream().filter(S3Steps::fromS3)
                .toList();
    }

    private static boolean fromS3(AuditEvent e) {
        return e.userIdentity() != null && S3_SERVICE.equals(e.userIdentity().invokedBy());
    }

    private static byte[] contentsOf(String key) {
        return ("contents of " + key).getBytes(StandardCharsets.UTF_8);
    }
}
