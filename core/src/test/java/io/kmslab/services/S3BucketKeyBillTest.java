package io.kmslab.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.audit.AuditQuery;
import io.kmslab.billing.Bill;
import io.kmslab.billing.RequestClass;
import io.kmslab.services.s3.CreateBucketRequest;
import io.kmslab.services.s3.PutBucketEncryptionRequest;
import io.kmslab.services.s3.PutObjectRequest;
import io.kmslab.services.s3.S3;
import io.kmslab.services.s3.ServerSideEncryptionConfiguration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * The acceptance case: one month of 1,000,000 SSE-KMS PUTs, spread evenly over March 2026, into a bucket
 * without an S3 Bucket Key (account A) and into one with (account B), each under its own customer managed key. The
 * counts and the prices are read from the lab (audit trail, request meter, bill), not computed here. 2,000,000 real
 * PUTs, each encrypted and stored: the PUTs took 24 s on the 2-core machine this was written on when it was quiet, up to
 * 100 s while three other builds ran on it (no time is asserted); the heap holds about 1.3 GB of objects at the end.
 */
class S3BucketKeyBillTest {
    private static final String A = "111122223333";
    private static final String B = "444455556666";
    private static final String REGION = "eu-west-2";
    private static final int PUTS = 1_000_000;
    private static final YearMonth MARCH = YearMonth.of(2026, 3);

    @Test
    void aMillionSseKmsPutsInAMonth_withABucketKey_makeUnderOnePercentOfTheKmsRequests_andCostNothingBeyondTheKey() {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(11).build();
        S3 withoutBucketKey = bucket(lab, A, "ingest-a", false);
        S3 withBucketKey = bucket(lab, B, "ingest-b", true);
        byte[] record = new byte[64];
        // 31 days = 2,678,400 s: one pair of PUTs every 2.6784 s
        Duration step = Duration.ofNanos(MARCH.lengthOfMonth() * 86_400L * 1_000_000_000L / PUTS);

        long started = System.nanoTime();
        for (int i = 0; i < PUTS; i++) {
            String key = "events/" + i;
            withoutBucketKey.putObject(PutObjectRequest.of("ingest-a", key, record));
            withBucketKey.putObject(PutObjectRequest.of("ingest-b", key, record));
            lab.clock().advance(step);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long dataKeysA = lab.auditTrail().count(AuditQuery.account(A).eventName("GenerateDataKey"));
        long dataKeysB = lab.auditTrail().count(AuditQuery.account(B).eventName("GenerateDataKey"));
        long requestsA = symmetricRequests(lab, A);
        long requestsB = symmetricRequests(lab, B);
        Bill billA = lab.bill(A, MARCH);
        Bill billB = lab.bill(B, MARCH);
        System.out.printf("%,d PUTs into each bucket in %.1f s%n", PUTS, seconds);
        System.out.printf("| | without a Bucket Key | with a Bucket Key |%n|---|---:|---:|%n");
        System.out.printf("| GenerateDataKey events (audit trail) | %,d | %,d |%n", dataKeysA, dataKeysB);
        System.out.printf("| KMS requests metered (with CreateKey) | %,d | %,d |%n", requestsA, requestsB);
        System.out.printf("| requests on the bill | $%s | $%s |%n", billA.requestsTotal(), billB.requestsTotal());
        System.out.printf("| key fee | $%s | $%s |%n", billA.keyFeesTotal(), billB.keyFeesTotal());
        System.out.printf("| KMS bill of March | $%s | $%s |%n", billA.total(), billB.total());

        assertThat(dataKeysA).isEqualTo(PUTS);
        // a bucket-level key lasts 300 s; PUTs 2.6784 s apart: a new one every 113th PUT, ceil(1,000,000 / 113)
        assertThat(dataKeysB).isEqualTo(8_850);
        assertThat((double) dataKeysB / dataKeysA).isLessThan(0.01);
        assertThat(requestsA).isEqualTo(PUTS + 1);
        assertThat(requestsB).isEqualTo(8_850 + 1);
        // 20,000 free requests a month; 980,001 at $0.03 per 10,000
        assertThat(billA.requestsTotal()).isEqualByComparingTo(new BigDecimal("2.94"));
        assertThat(billA.total()).isEqualByComparingTo(new BigDecimal("3.94"));
        assertThat(billB.requestsTotal()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(billB.total()).isEqualByComparingTo(new BigDecimal("1.00"));
    }

    private static S3 bucket(KmsLab lab, String account, String name, boolean bucketKey) {
        Caller root = Caller.root(account);
        String key = lab.kms(root, REGION).createKey(CreateKeyRequest.of()).keyMetadata().arn();
        S3 s3 = AwsCloud.of(lab).s3(root);
        s3.createBucket(CreateBucketRequest.of(name, REGION));
        s3.putBucketEncryption(PutBucketEncryptionRequest.of(name,
                ServerSideEncryptionConfiguration.sseKms(key, bucketKey)));
        return s3;
    }

    private static long symmetricRequests(KmsLab lab, String account) {
        return lab.meter().usage(account, MARCH).entrySet().stream()
                .filter(e -> e.getKey().requestClass() == RequestClass.SYMMETRIC).mapToLong(e -> e.getValue()).sum();
    }
}
