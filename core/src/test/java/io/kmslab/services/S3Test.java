package io.kmslab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EnableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.errors.KmsException;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.s3.CompleteMultipartUploadRequest;
import io.kmslab.services.s3.CompletedPart;
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
import io.kmslab.services.s3.PutObjectResponse;
import io.kmslab.services.s3.S3;
import io.kmslab.services.s3.ServerSideEncryption;
import io.kmslab.services.s3.ServerSideEncryptionConfiguration;
import io.kmslab.services.s3.UploadPartRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class S3Test {
    private static final String A = "111122223333";
    private static final String B = "444455556666";
    private static final String REGION = "eu-west-2";

    private final KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-03-01T00:00:00Z")).seed(5).build();
    private final Caller rootA = Caller.root(A);
    private final S3 s3 = AwsCloud.of(lab).s3(rootA);
    private final byte[] report = "Q1 revenue: 1,234,567".getBytes(StandardCharsets.UTF_8);

    // ------------------------------------------------------------------------------------------ SSE-KMS, object by object

    @Test
    void putObject_underSseKms_makesOneGenerateDataKey_withTheObjectArnAsContext_throughS3() {
        String key = customerKey(A, REGION);
        bucket("reports", REGION);

        PutObjectResponse put = s3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(key)
                .withSsekmsEncryptionContext(Map.of("department", "finance")));

        AuditEvent event = single(A, "GenerateDataKey");
        assertThat(event.awsRegion()).isEqualTo(REGION);
        assertThat(event.userIdentity().arn()).isEqualTo(rootA.arn());
        assertThat(event.userIdentity().invokedBy()).isEqualTo("s3.amazonaws.com");
        assertThat(event.userAgent()).isEqualTo("s3.amazonaws.com");
        assertThat(event.requestParameters()).containsEntry("keyId", key)
                .containsEntry("encryptionContext",
                        Map.of("aws:s3:arn", "arn:aws:s3:::reports/q1.txt", "department", "finance"));
        assertThat(String.valueOf(event.requestParameters().get("keySpec"))).isEqualTo("AES_256");
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(key);
        assertThat(put.bucketKeyEnabled()).isFalse();
    }

    @Test
    void getObject_decryptsItsDataKey_withTheContextOfTheWrite() {
        String key = customerKey(A, REGION);
        bucket("reports", REGION);
        s3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(key)
                .withSsekmsEncryptionContext(Map.of("department", "finance")));

        byte[] back = s3.getObject(GetObjectRequest.of("reports", "q1.txt")).body();

        assertThat(back).isEqualTo(report);
        AuditEvent decrypt = single(A, "Decrypt");
        assertThat(decrypt.requestParameters()).containsEntry("encryptionContext",
                Map.of("aws:s3:arn", "arn:aws:s3:::reports/q1.txt", "department", "finance"));
        assertThat(decrypt.userIdentity().invokedBy()).isEqualTo("s3.amazonaws.com");
        assertThat(decrypt.resources().get(0).arn()).isEqualTo(key);
    }

    @Test
    void getObject_byAPrincipalWithoutKmsDecrypt_isAccessDenied_withTheKmsMessage_andTheDecisionSaysWhy() {
        String key = customerKey(A, REGION);
        bucket("reports", REGION);
        s3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(key));
        Caller bob = lab.iam(A).createUser("bob");
        lab.iam(A).putUserPolicy("bob", "read-reports", allow("s3:GetObject", "arn:aws:s3:::reports/*"));

        AwsServiceException denied = s3Error(() -> AwsCloud.of(lab).s3(bob)
                .getObject(GetObjectRequest.of("reports", "q1.txt")));

        assertThat(denied.service()).isEqualTo("s3");
        assertThat(denied.errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.getMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/bob is not authorized to "
                + "perform: kms:Decrypt on resource: " + key + " because no identity-based policy allows the "
                + "kms:Decrypt action");
        assertThat(denied.kmsError().orElseThrow().errorCode()).isEqualTo("AccessDeniedException");
        PolicyDecision decision = denied.kmsDecision().orElseThrow();
        assertThat(decision.rule()).isEqualTo(PolicyDecision.Rule.NO_IAM_POLICY_ALLOWS);
        assertThat(decision.explain()).contains("DENIED").contains("kms:Decrypt")
                .contains("no IAM policy attached to the caller allows kms:Decrypt");
        AuditEvent refused = single(A, "Decrypt");
        assertThat(refused.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(refused.userIdentity().arn()).isEqualTo(bob.arn());
    }

    @Test
    void getObject_withoutS3GetObject_isRefusedByS3_beforeAnyKmsCall() {
        String key = customerKey(A, REGION);
        bucket("reports", REGION);
        s3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(key));
        Caller carol = lab.iam(A).createUser("carol");

        AwsServiceException denied = s3Error(() -> AwsCloud.of(lab).s3(carol)
                .getObject(GetObjectRequest.of("reports", "q1.txt")));

        assertThat(denied.getMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/carol is not authorized to "
                + "perform: s3:GetObject on resource: \"arn:aws:s3:::reports/q1.txt\" because no identity-based "
                + "policy allows the s3:GetObject action");
        assertThat(denied.kmsError()).isEmpty();
        assertThat(events(A, "Decrypt")).isEmpty();
    }

    @Test
    void headObject_makesNoKmsCall_andShowsTheEncryptionAndTheKeyArn() {
        String key = customerKey(A, REGION);
        bucket("reports", REGION);
        s3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(key));
        long before = lab.auditTrail().size();

        HeadObjectResponse head = s3.headObject(HeadObjectRequest.of("reports", "q1.txt"));

        assertThat(lab.auditTrail().size()).isEqualTo(before);
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(key);
        assertThat(head.contentLength()).isEqualTo(report.length);
    }

    @Test
    void sseS3_isTheDefault_andMakesNoKmsCall() {
        bucket("plain", REGION);

        assertThat(s3.getBucketEncryption("plain").serverSideEncryptionConfiguration().rule()
                .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
        PutObjectResponse put = s3.putObject(PutObjectRequest.of("plain", "a.txt", report));
        byte[] back = s3.getObject(GetObjectRequest.of("plain", "a.txt")).body();

        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(put.ssekmsKeyId()).isNull();
        assertThat(back).isEqualTo(report);
        assertThat(lab.auditTrail().size()).isZero();
    }

    @Test
    void awsKmsWithoutAKeyId_usesTheRequestersAwsS3_createdOnFirstUse() {
        bucket("reports", REGION);

        PutObjectResponse put = s3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(null));

        KeyMetadata awsS3 = lab.kms(rootA, REGION).awsManagedKey("s3");
        assertThat(put.ssekmsKeyId()).isEqualTo(awsS3.arn());
        assertThat(single(A, "GenerateDataKey").requestParameters()).containsEntry("keyId", awsS3.arn());
        assertThat(s3.getObject(GetObjectRequest.of("reports", "q1.txt")).body()).isEqualTo(report);
    }

    @Test
    void theBucketDefault_appliesWhenNoHeaderIsSent_andAKeyIdHeaderWithoutAwsKms_isRefused() {
        String key = customerKey(A, REGION);
        bucket("reports", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("reports",
                ServerSideEncryptionConfiguration.sseKms(key, false)));

        assertThat(s3.putObject(PutObjectRequest.of("reports", "q1.txt", report)).ssekmsKeyId()).isEqualTo(key);
        AwsServiceException refused = s3Error(() -> s3.putObject(PutObjectRequest.of("reports", "q2.txt", report)
                .withSsekmsKeyId(key)));
        assertThat(refused.errorCode()).isEqualTo("InvalidArgument");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo("Server Side Encryption with AWS KMS managed key requires HTTP "
                + "header x-amz-server-side-encryption : aws:kms");
    }

    // ------------------------------------------------------------------------------------------ keys and Regions

    @Test
    void aKeyOfAnotherRegion_namedByKeyId_isNotFoundInTheBucketsRegion_andNothingIsStored() {
        KeyMetadata virginia = lab.kms(rootA, "us-east-1").createKey(CreateKeyRequest.of()).keyMetadata();
        bucket("reports", REGION);

        AwsServiceException refused = s3Error(() -> s3.putObject(PutObjectRequest.of("reports", "q1.txt", report)
                .withSseKms(virginia.keyId())));

        assertThat(refused.errorCode()).isEqualTo("KMS.NotFoundException");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo("Key 'arn:aws:kms:eu-west-2:111122223333:key/"
                + virginia.keyId() + "' does not exist");
        assertThat(s3Error(() -> s3.headObject(HeadObjectRequest.of("reports", "q1.txt"))).errorCode())
                .isEqualTo("NoSuchKey");
    }

    @Test
    void aKeyOfAnotherRegion_namedByItsArn_isRefusedByKms() {
        KeyMetadata virginia = lab.kms(rootA, "us-east-1").createKey(CreateKeyRequest.of()).keyMetadata();
        bucket("reports", REGION);

        AwsServiceException refused = s3Error(() -> s3.putObject(PutObjectRequest.of("reports", "q1.txt", report)
                .withSseKms(virginia.arn())));

        assertThat(refused.errorCode()).isEqualTo("KMS.NotFoundException");
        assertThat(refused.getMessage()).isEqualTo("Invalid arn us-east-1");
    }

    @Test
    void aBareAwsS3KeyId_isInvalidKeyId() {
        bucket("reports", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("reports",
                ServerSideEncryptionConfiguration.sseKms("aws/s3", false)));

        AwsServiceException refused = s3Error(() -> s3.putObject(PutObjectRequest.of("reports", "q1.txt", report)));

        assertThat(refused.errorCode()).isEqualTo("KMS.NotFoundException");
        assertThat(refused.getMessage()).isEqualTo("Invalid keyId aws/s3");
    }

    @Test
    void anAlias_isResolvedInTheRequestersAccount_notTheBucketOwners() {
        String ownersKey = customerKey(A, REGION);
        lab.kms(rootA, REGION).createAlias(CreateAliasRequest.of("alias/reports", ownersKey));
        bucket("reports", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("reports",
                ServerSideEncryptionConfiguration.sseKms("alias/reports", false)));
        s3.putBucketPolicy(PutBucketPolicyRequest.of("reports", bucketPolicyFor("reports", B, "s3:PutObject")));
        Caller writer = Caller.root(B);

        AwsServiceException refused = s3Error(() -> AwsCloud.of(lab).s3(writer)
                .putObject(PutObjectRequest.of("reports", "from-b.txt", report)));
        assertThat(refused.getMessage()).isEqualTo("Alias arn:aws:kms:eu-west-2:444455556666:alias/reports is not found.");

        String writersKey = customerKey(B, REGION);
        lab.kms(writer, REGION).createAlias(CreateAliasRequest.of("alias/reports", writersKey));
        PutObjectResponse put = AwsCloud.of(lab).s3(writer).putObject(PutObjectRequest.of("reports", "from-b.txt",
                report));
        assertThat(put.ssekmsKeyId()).isEqualTo(writersKey);
    }

    @Test
    void disablingTheKey_makesTheObjectUnreadable_withKmsDisabledException_andEnablingItRestoresIt() {
        String key = customerKey(A, REGION);
        bucket("reports", REGION);
        s3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(key));

        lab.kms(rootA, REGION).disableKey(DisableKeyRequest.of(key));
        AwsServiceException refused = s3Error(() -> s3.getObject(GetObjectRequest.of("reports", "q1.txt")));
        assertThat(refused.errorCode()).isEqualTo("KMS.DisabledException");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo(key + " is disabled.");
        assertThat(s3.headObject(HeadObjectRequest.of("reports", "q1.txt")).ssekmsKeyId()).isEqualTo(key);

        lab.kms(rootA, REGION).enableKey(EnableKeyRequest.of(key));
        assertThat(s3.getObject(GetObjectRequest.of("reports", "q1.txt")).body()).isEqualTo(report);
    }

    @Test
    void aKeyPolicyAllowingUseOnlyThroughS3_letsTheS3PathWork_butNotADirectEncryptByTheSameCaller() {
        Caller app = lab.iam(A).createUser("app");
        lab.iam(A).putUserPolicy("app", "objects", allow("s3:*", "arn:aws:s3:::reports/*"));
        String key = lab.kms(rootA, REGION).createKey(CreateKeyRequest.builder().policy(viaS3Policy(app)).build())
                .keyMetadata().arn();
        bucket("reports", REGION);
        S3 appS3 = AwsCloud.of(lab).s3(app);

        appS3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(key));
        assertThat(appS3.getObject(GetObjectRequest.of("reports", "q1.txt")).body()).isEqualTo(report);

        io.kmslab.Kms direct = lab.kms(app, REGION);
        assertThatThrownBy(() -> direct.encrypt(EncryptRequest.of(key, report)))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("AccessDeniedException"));
        assertThat(direct.lastDecision().orElseThrow().explain()).contains("kms:ViaService = (absent)");
    }

    // ------------------------------------------------------------------------------------------ copies, multipart, DSSE

    @Test
    void copyObject_decryptsTheSource_thenGeneratesADataKeyForTheTarget_underTheDestinationsDefault() {
        String sourceKey = customerKey(A, REGION);
        String targetKey = customerKey(A, REGION);
        bucket("reports", REGION);
        bucket("archive", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("archive",
                ServerSideEncryptionConfiguration.sseKms(targetKey, false)));
        s3.putObject(PutObjectRequest.of("reports", "q1.txt", report).withSseKms(sourceKey)
                .withSsekmsEncryptionContext(Map.of("department", "finance")));
        long before = lab.auditTrail().size();

        var copy = s3.copyObject(CopyObjectRequest.of("reports", "q1.txt", "archive", "2026/q1.txt"));

        List<AuditEvent> calls = lab.auditTrail().events().skip(before).toList();
        assertThat(calls).extracting(AuditEvent::eventName).containsExactly("Decrypt", "GenerateDataKey");
        assertThat(calls.get(0).requestParameters()).containsEntry("encryptionContext",
                Map.of("aws:s3:arn", "arn:aws:s3:::reports/q1.txt", "department", "finance"));
        assertThat(calls.get(1).requestParameters()).containsEntry("keyId", targetKey)
                .containsEntry("encryptionContext", Map.of("aws:s3:arn", "arn:aws:s3:::archive/2026/q1.txt"));
        assertThat(copy.ssekmsKeyId()).isEqualTo(targetKey);
        assertThat(s3.getObject(GetObjectRequest.of("archive", "2026/q1.txt")).body()).isEqualTo(report);
    }

    @Test
    void aMultipartUpload_generatesOneDataKey_decryptsItForEachPart_andCompletesWithoutKms() {
        String key = customerKey(A, REGION);
        bucket("backups", REGION);
        byte[] first = filled(5 * 1024 * 1024, (byte) 1);
        byte[] last = "the end".getBytes(StandardCharsets.UTF_8);

        CreateMultipartUploadResponse upload = s3.createMultipartUpload(CreateMultipartUploadRequest.of("backups",
                "db.dump").withSseKms(key));
        assertThat(events(A, "GenerateDataKey")).hasSize(1);
        String e1 = s3.uploadPart(UploadPartRequest.of("backups", "db.dump", upload.uploadId(), 1, first)).eTag();
        String e2 = s3.uploadPart(UploadPartRequest.of("backups", "db.dump", upload.uploadId(), 2, last)).eTag();
        assertThat(events(A, "Decrypt")).hasSize(2).allSatisfy(e -> assertThat(e.requestParameters())
                .containsEntry("encryptionContext", Map.of("aws:s3:arn", "arn:aws:s3:::backups/db.dump")));
        long before = lab.auditTrail().size();
        s3.completeMultipartUpload(CompleteMultipartUploadRequest.of("backups", "db.dump", upload.uploadId(),
                List.of(new CompletedPart(1, e1), new CompletedPart(2, e2))));
        assertThat(lab.auditTrail().size()).isEqualTo(before);

        byte[] back = s3.getObject(GetObjectRequest.of("backups", "db.dump")).body();
        assertThat(back).hasSize(first.length + last.length);
        assertThat(Arrays.copyOfRange(back, first.length, back.length)).isEqualTo(last);
    }

    @Test
    void aMultipartUpload_byAPrincipalWithGenerateDataKeyButNotDecrypt_failsAtTheFirstPart() {
        String key = customerKey(A, REGION);
        bucket("backups", REGION);
        Caller writer = lab.iam(A).createUser("writer");
        lab.iam(A).putUserPolicy("writer", "write", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::backups/*"},
                  {"Effect": "Allow", "Action": "kms:GenerateDataKey", "Resource": "%s"}]}""".formatted(key));
        S3 writerS3 = AwsCloud.of(lab).s3(writer);
        writerS3.putObject(PutObjectRequest.of("backups", "small.txt", report).withSseKms(key));

        CreateMultipartUploadResponse upload = writerS3.createMultipartUpload(
                CreateMultipartUploadRequest.of("backups", "db.dump").withSseKms(key));
        AwsServiceException refused = s3Error(() -> writerS3.uploadPart(UploadPartRequest.of("backups", "db.dump",
                upload.uploadId(), 1, report)));

        assertThat(refused.errorCode()).isEqualTo("AccessDenied");
        assertThat(refused.kmsDecision().orElseThrow().request().action()).isEqualTo("kms:Decrypt");
    }

    @Test
    void aPartSmallerThan5MiB_beforeTheLast_isEntityTooSmall() {
        bucket("backups", REGION);
        CreateMultipartUploadResponse upload = s3.createMultipartUpload(CreateMultipartUploadRequest.of("backups",
                "db.dump"));
        String e1 = s3.uploadPart(UploadPartRequest.of("backups", "db.dump", upload.uploadId(), 1, report)).eTag();
        String e2 = s3.uploadPart(UploadPartRequest.of("backups", "db.dump", upload.uploadId(), 2, report)).eTag();

        AwsServiceException refused = s3Error(() -> s3.completeMultipartUpload(CompleteMultipartUploadRequest.of(
                "backups", "db.dump", upload.uploadId(), List.of(new CompletedPart(1, e1), new CompletedPart(2, e2)))));
        assertThat(refused.errorCode()).isEqualTo("EntityTooSmall");
        assertThat(s3Error(() -> s3.completeMultipartUpload(CompleteMultipartUploadRequest.of("backups", "db.dump",
                upload.uploadId(), List.of(new CompletedPart(2, e2), new CompletedPart(1, e1))))).errorCode())
                .isEqualTo("InvalidPartOrder");
    }

    @Test
    void dsseKms_makesOneGenerateDataKeyAndOneDecrypt_andNeverUsesABucketKey() {
        String key = customerKey(A, REGION);
        bucket("secure", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("secure",
                ServerSideEncryptionConfiguration.of(ServerSideEncryption.AWS_KMS_DSSE, key, true)));

        PutObjectResponse put = s3.putObject(PutObjectRequest.of("secure", "a.txt", report));
        s3.putObject(PutObjectRequest.of("secure", "b.txt", report));
        byte[] back = s3.getObject(GetObjectRequest.of("secure", "a.txt")).body();

        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS_DSSE);
        assertThat(put.bucketKeyEnabled()).isFalse();
        assertThat(events(A, "GenerateDataKey")).hasSize(2);
        assertThat(events(A, "Decrypt")).hasSize(1);
        assertThat(back).isEqualTo(report);
    }

    // ------------------------------------------------------------------------------------------ S3 Bucket Keys

    @Test
    void aBucketKey_isFetchedOncePerRequester_withTheBucketArn_andReusedUntilItsLifetimeEnds() {
        String key = customerKey(A, REGION);
        bucket("logs", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("logs", ServerSideEncryptionConfiguration.sseKms(key,
                true)));
        assertThat(s3.bucketKeyLifetime()).isEqualTo(Duration.ofMinutes(5));

        for (int i = 0; i < 100; i++) {
            s3.putObject(PutObjectRequest.of("logs", "line-" + i, report));
            lab.clock().advance(Duration.ofSeconds(2));
        }
        assertThat(events(A, "GenerateDataKey")).hasSize(1).allSatisfy(e -> assertThat(e.requestParameters())
                .containsEntry("encryptionContext", Map.of("aws:s3:arn", "arn:aws:s3:::logs")));

        lab.clock().advance(Duration.ofSeconds(100)); // 300 s since the fetch
        PutObjectResponse put = s3.putObject(PutObjectRequest.of("logs", "line-100", report));
        assertThat(events(A, "GenerateDataKey")).hasSize(2);
        assertThat(put.bucketKeyEnabled()).isTrue();
        assertThat(put.ssekmsEncryptionContext()).containsEntry("aws:s3:arn", "arn:aws:s3:::logs");

        Caller other = lab.iam(A).createUser("other");
        lab.iam(A).putUserPolicy("other", "logs", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::logs/*"},
                  {"Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": "%s"}]}"""
                .formatted(key));
        AwsCloud.of(lab).s3(other).putObject(PutObjectRequest.of("logs", "from-other", report));
        assertThat(events(A, "GenerateDataKey")).hasSize(3).last()
                .satisfies(e -> assertThat(e.userIdentity().arn()).isEqualTo(other.arn()));
    }

    @Test
    void readingBucketKeyObjects_decryptsTheBucketLevelKeyOncePerReader_andAgainAfterItsLifetime() {
        String key = customerKey(A, REGION);
        bucket("logs", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("logs", ServerSideEncryptionConfiguration.sseKms(key,
                true)));
        for (int i = 0; i < 10; i++) {
            s3.putObject(PutObjectRequest.of("logs", "line-" + i, ("line " + i).getBytes(StandardCharsets.UTF_8)));
        }
        Caller reader = lab.iam(A).createUser("reader");
        lab.iam(A).putUserPolicy("reader", "read", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"},
                  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "%s"}]}""".formatted(key));
        S3 readerS3 = AwsCloud.of(lab).s3(reader);

        for (int i = 0; i < 10; i++) {
            assertThat(new String(readerS3.getObject(GetObjectRequest.of("logs", "line-" + i)).body(),
                    StandardCharsets.UTF_8)).isEqualTo("line " + i);
        }
        assertThat(events(A, "Decrypt")).hasSize(1).allSatisfy(e -> {
            assertThat(e.userIdentity().arn()).isEqualTo(reader.arn());
            assertThat(e.requestParameters()).containsEntry("encryptionContext",
                    Map.of("aws:s3:arn", "arn:aws:s3:::logs"));
        });
        // the writer still holds the key it fetched: no Decrypt for its own reads
        s3.getObject(GetObjectRequest.of("logs", "line-3"));
        assertThat(events(A, "Decrypt")).hasSize(1);

        lab.clock().advance(Duration.ofMinutes(5));
        readerS3.getObject(GetObjectRequest.of("logs", "line-0"));
        assertThat(events(A, "Decrypt")).hasSize(2);
    }

    @Test
    void whileABucketKeyIsHeld_kmsChecksNeitherTheKeyPolicyNorTheKeyState_afterwardItDoes() {
        String key = customerKey(A, REGION);
        bucket("logs", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("logs", ServerSideEncryptionConfiguration.sseKms(key,
                true)));
        s3.putObject(PutObjectRequest.of("logs", "a", report));

        lab.kms(rootA, REGION).disableKey(DisableKeyRequest.of(key));
        s3.putObject(PutObjectRequest.of("logs", "b", report));
        assertThat(s3.getObject(GetObjectRequest.of("logs", "a")).body()).isEqualTo(report);
        assertThat(events(A, "GenerateDataKey")).hasSize(1);

        lab.clock().advance(Duration.ofMinutes(5));
        assertThat(s3Error(() -> s3.putObject(PutObjectRequest.of("logs", "c", report))).errorCode())
                .isEqualTo("KMS.DisabledException");
        assertThat(s3Error(() -> s3.getObject(GetObjectRequest.of("logs", "a"))).errorCode())
                .isEqualTo("KMS.DisabledException");
        lab.kms(rootA, REGION).enableKey(EnableKeyRequest.of(key));
        assertThat(s3.getObject(GetObjectRequest.of("logs", "b")).body()).isEqualTo(report);
    }

    @Test
    void theBucketKeyLifetime_isASetting_andMustBePositive() {
        s3.bucketKeyLifetime(Duration.ofMinutes(1));
        assertThat(AwsCloud.of(lab).s3(Caller.root(B)).bucketKeyLifetime()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> s3.bucketKeyLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------ across accounts

    @Test
    void aReaderOfAnotherAccount_needsTheBucketPolicy_andTheKeyPolicy_andItsOwnIamPolicy() {
        String key = customerKey(A, REGION);
        bucket("shared", REGION);
        s3.putObject(PutObjectRequest.of("shared", "q1.txt", report).withSseKms(key));
        Caller dana = lab.iam(B).createUser("dana");
        lab.iam(B).putUserPolicy("dana", "read-shared", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"},
                  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "%s"}]}""".formatted(key));
        S3 danaS3 = AwsCloud.of(lab).s3(dana);

        AwsServiceException noBucketPolicy = s3Error(() -> danaS3.getObject(GetObjectRequest.of("shared", "q1.txt")));
        assertThat(noBucketPolicy.errorCode()).isEqualTo("AccessDenied");
        assertThat(noBucketPolicy.getMessage()).isEqualTo("Access Denied");
        assertThat(noBucketPolicy.kmsError()).isEmpty();

        s3.putBucketPolicy(PutBucketPolicyRequest.of("shared", bucketPolicyFor("shared", B, "s3:GetObject")));
        AwsServiceException noKeyPolicy = s3Error(() -> danaS3.getObject(GetObjectRequest.of("shared", "q1.txt")));
        assertThat(noKeyPolicy.errorCode()).isEqualTo("AccessDenied");
        assertThat(noKeyPolicy.getMessage()).isEqualTo("The ciphertext refers to a customer master key that does "
                + "not exist, does not exist in this region, or you are not allowed to access.");
        assertThat(noKeyPolicy.kmsDecision().orElseThrow().rule())
                .isEqualTo(PolicyDecision.Rule.NO_KEY_POLICY_ALLOWS);

        lab.kms(rootA, REGION).putKeyPolicy(PutKeyPolicyRequest.of(key, """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                   "Action": "kms:*", "Resource": "*"},
                  {"Sid": "ReadersOfB", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                   "Action": "kms:Decrypt", "Resource": "*"}]}"""));
        assertThat(danaS3.getObject(GetObjectRequest.of("shared", "q1.txt")).body()).isEqualTo(report);
        AuditEvent decrypt = events(B, "Decrypt").get(events(B, "Decrypt").size() - 1);
        assertThat(decrypt.errorCode()).isNull();
        assertThat(decrypt.userIdentity().arn()).isEqualTo(dana.arn());
    }

    @Test
    void underAwsS3_aReaderOfAnotherAccount_isRefused_whateverTheBucketPolicySays() {
        bucket("shared", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("shared", ServerSideEncryptionConfiguration.sseKms(null,
                false)));
        s3.putObject(PutObjectRequest.of("shared", "q1.txt", report));
        s3.putBucketPolicy(PutBucketPolicyRequest.of("shared", bucketPolicyFor("shared", B, "s3:GetObject")));
        Caller readerRoot = Caller.root(B);

        AwsServiceException refused = s3Error(() -> AwsCloud.of(lab).s3(readerRoot)
                .getObject(GetObjectRequest.of("shared", "q1.txt")));

        assertThat(refused.errorCode()).isEqualTo("AccessDenied");
        assertThat(refused.kmsDecision().orElseThrow().explain()).contains("kms:CallerAccount");
        String awsS3 = lab.kms(rootA, REGION).awsManagedKey("s3").arn();
        // and its owner cannot change that: an AWS managed key's policy cannot be edited
        assertThatThrownBy(() -> lab.kms(rootA, REGION).putKeyPolicy(PutKeyPolicyRequest.of(awsS3,
                io.kmslab.Kms.defaultKeyPolicy(A)))).isInstanceOf(KmsException.class);
    }

    // ------------------------------------------------------------------------------------------ bucket policy and errors

    @Test
    void aBucketPolicyThatDemandsTheEncryptionHeader_refusesAWriteThatReliesOnTheBucketDefault() {
        String key = customerKey(A, REGION);
        bucket("strict", REGION);
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("strict", ServerSideEncryptionConfiguration.sseKms(key,
                false)));
        s3.putBucketPolicy(PutBucketPolicyRequest.of("strict", """
                {"Version": "2012-10-17", "Statement": [{"Sid": "DenyWithoutSseKms", "Effect": "Deny",
                  "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::strict/*",
                  "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}]}"""));

        AwsServiceException refused = s3Error(() -> s3.putObject(PutObjectRequest.of("strict", "a.txt", report)));
        assertThat(refused.getMessage()).isEqualTo("User: arn:aws:iam::111122223333:root is not authorized to "
                + "perform: s3:PutObject on resource: \"arn:aws:s3:::strict/a.txt\" with an explicit deny in a "
                + "resource-based policy");
        assertThat(events(A, "GenerateDataKey")).isEmpty();
        assertThat(s3.putObject(PutObjectRequest.of("strict", "a.txt", report).withSseKms(key)).ssekmsKeyId())
                .isEqualTo(key);
    }

    /**
     * S3's own authorization, case by case: within the owner's account an IAM policy or a bucket policy naming the
     * user suffices, an explicit Deny of either wins (each worded as S3 words it), the condition keys of every S3
     * request (aws:PrincipalArn, aws:SecureTransport) are there; from another account S3 says only "Access Denied".
     */
    @Test
    void bucketAuthorization_decidesAndWordsEachCase_asS3Does() {
        bucket("team", REGION);
        s3.putObject(PutObjectRequest.of("team", "a.txt", report));
        Caller erin = lab.iam(A).createUser("erin");
        Caller frank = lab.iam(A).createUser("frank");
        lab.iam(A).putUserPolicy("frank", "all-but-reading", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::team/*"}]}""");
        Caller grace = lab.iam(A).createUser("grace");
        lab.iam(A).putUserPolicy("grace", "s3", allow("s3:*", "*"));
        s3.putBucketPolicy(PutBucketPolicyRequest.of("team", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Erin", "Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": "s3:GetObject",
                   "Resource": "arn:aws:s3:::team/*"},
                  {"Sid": "NotGrace", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                   "Resource": "arn:aws:s3:::team/*",
                   "Condition": {"StringEquals": {"aws:PrincipalArn": "%s"}}},
                  {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                   "Resource": "arn:aws:s3:::team/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"""
                .formatted(erin.arn(), grace.arn())));

        assertThat(AwsCloud.of(lab).s3(erin).getObject(GetObjectRequest.of("team", "a.txt")).body()).isEqualTo(report);
        assertThat(s3Error(() -> AwsCloud.of(lab).s3(erin).putObject(PutObjectRequest.of("team", "b.txt", report)))
                .getMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/erin is not authorized to perform: "
                        + "s3:PutObject on resource: \"arn:aws:s3:::team/b.txt\" because no identity-based policy "
                        + "allows the s3:PutObject action");
        assertThat(s3Error(() -> AwsCloud.of(lab).s3(frank).getObject(GetObjectRequest.of("team", "a.txt")))
                .getMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/frank is not authorized to perform: "
                        + "s3:GetObject on resource: \"arn:aws:s3:::team/a.txt\" with an explicit deny in an "
                        + "identity-based policy");
        AwsServiceException graceRefused = s3Error(() -> AwsCloud.of(lab).s3(grace)
                .getObject(GetObjectRequest.of("team", "a.txt")));
        assertThat(graceRefused.statusCode()).isEqualTo(403);
        assertThat(graceRefused.getMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/grace is not "
                + "authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::team/a.txt\" with an explicit "
                + "deny in a resource-based policy");
        assertThat(s3Error(() -> AwsCloud.of(lab).s3(grace).headObject(HeadObjectRequest.of("team", "a.txt")))
                .getMessage()).as("HeadObject is s3:GetObject").isEqualTo(graceRefused.getMessage());
        assertThat(AwsCloud.of(lab).s3(grace).putObject(PutObjectRequest.of("team", "c.txt", report)).eTag())
                .isNotNull();

        Caller hank = lab.iam(B).createUser("hank");
        lab.iam(B).putUserPolicy("hank", "s3", allow("s3:*", "*"));
        s3.putBucketPolicy(PutBucketPolicyRequest.of("team", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "AccountB", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                   "Action": "s3:*", "Resource": "arn:aws:s3:::team/*"},
                  {"Sid": "NoWritesFromB", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
                   "Resource": "arn:aws:s3:::team/*",
                   "Condition": {"StringEquals": {"aws:PrincipalAccount": "444455556666"}}}]}"""));
        S3 hankS3 = AwsCloud.of(lab).s3(hank);
        assertThat(hankS3.getObject(GetObjectRequest.of("team", "a.txt")).body()).isEqualTo(report);
        AwsServiceException hankRefused = s3Error(() -> hankS3.putObject(PutObjectRequest.of("team", "d.txt",
                report)));
        assertThat(hankRefused.errorCode()).isEqualTo("AccessDenied");
        assertThat(hankRefused.getMessage()).isEqualTo("Access Denied");
    }

    @Test
    void bucketsAndObjects_answerS3sErrors() {
        bucket("reports", REGION);
        assertError(() -> s3.getObject(GetObjectRequest.of("nope", "a")), "NoSuchBucket", 404);
        assertError(() -> s3.getObject(GetObjectRequest.of("reports", "a")), "NoSuchKey", 404);
        assertError(() -> s3.createBucket(CreateBucketRequest.of("reports", REGION)), "BucketAlreadyOwnedByYou", 409);
        assertError(() -> AwsCloud.of(lab).s3(Caller.root(B)).createBucket(CreateBucketRequest.of("reports",
                "us-east-1")), "BucketAlreadyExists", 409);
        assertError(() -> s3.createBucket(CreateBucketRequest.of("Not_Valid", REGION)), "InvalidBucketName", 400);
        assertError(() -> s3.createBucket(CreateBucketRequest.of("elsewhere", "mars-1")), "InvalidLocationConstraint",
                400);
        assertError(() -> s3.putBucketPolicy(PutBucketPolicyRequest.of("reports", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                  "Action": "s3:GetObject", "Resource": "*"}]}""")), "MalformedPolicy", 400);
        assertError(() -> s3.getBucketPolicy("reports"), "NoSuchBucketPolicy", 404);
        assertError(() -> s3.putBucketEncryption(PutBucketEncryptionRequest.of("reports",
                new ServerSideEncryptionConfiguration(List.of()))), "MalformedXML", 400);
        assertError(() -> s3.uploadPart(UploadPartRequest.of("reports", "a", "no-such-upload", 1, report)),
                "NoSuchUpload", 404);
        assertError(() -> s3.putObject(PutObjectRequest.of("reports", "k".repeat(1025), report)), "KeyTooLongError",
                400);
    }

    /** The example that opens docs/services/s3.md, as written there. */
    @Test
    void theDocsPageExample_writesReadsAndHeadsAnObject() {
        KmsLab lab = KmsLab.create();
        byte[] data = report;

        Caller owner = Caller.root("111122223333");
        String key = lab.kms(owner, "eu-west-2").createKey(CreateKeyRequest.of()).keyMetadata().arn();

        S3 s3 = AwsCloud.of(lab).s3(owner);
        s3.createBucket(CreateBucketRequest.of("reports", "eu-west-2"));
        s3.putBucketEncryption(PutBucketEncryptionRequest.of("reports",
                ServerSideEncryptionConfiguration.sseKms(key, false)));      // SSE-KMS, no S3 Bucket Key

        s3.putObject(PutObjectRequest.of("reports", "q1.csv", data));          // KMS: GenerateDataKey
        byte[] back = s3.getObject(GetObjectRequest.of("reports", "q1.csv")).body();   // KMS: Decrypt
        HeadObjectResponse head = s3.headObject(HeadObjectRequest.of("reports", "q1.csv"));  // no KMS call

        assertThat(back).isEqualTo(data);
        assertThat(head.ssekmsKeyId()).isEqualTo(key);
        assertThat(lab.auditTrail().events().map(AuditEvent::eventName)).containsExactly("CreateKey",
                "GenerateDataKey", "Decrypt");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void bucket(String name, String region) {
        s3.createBucket(CreateBucketRequest.of(name, region));
    }

    private String customerKey(String account, String region) {
        return lab.kms(Caller.root(account), region).createKey(CreateKeyRequest.of()).keyMetadata().arn();
    }

    private List<AuditEvent> events(String account, String eventName) {
        return lab.auditTrail().query(AuditQuery.account(account).eventName(eventName));
    }

    private AuditEvent single(String account, String eventName) {
        List<AuditEvent> found = events(account, eventName);
        assertThat(found).as(eventName + " events").hasSize(1);
        return found.get(0);
    }

    private static AwsServiceException s3Error(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(AwsServiceException.class);
        return (AwsServiceException) thrown;
    }

    private static void assertError(ThrowingCallable call, String code, int status) {
        AwsServiceException error = s3Error(call);
        assertThat(error.errorCode()).as(error.getMessage()).isEqualTo(code);
        assertThat(error.statusCode()).isEqualTo(status);
    }

    private static String allow(String action, String resource) {
        return """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "%s", "Resource": "%s"}]}"""
                .formatted(action, resource);
    }

    /** A bucket policy letting another account (delegating to its IAM policies) do one action on every object. */
    private static String bucketPolicyFor(String bucket, String account, String action) {
        return """
                {"Version": "2012-10-17", "Statement": [{"Sid": "OtherAccount", "Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "%s", "Resource": "arn:aws:s3:::%s/*"}]}"""
                .formatted(account, action, bucket);
    }

    private static String viaS3Policy(Caller app) {
        return """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                   "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                              "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:ScheduleKeyDeletion",
                              "kms:CancelKeyDeletion"], "Resource": "*"},
                  {"Sid": "UseOnlyThroughS3", "Effect": "Allow", "Principal": {"AWS": "%s"},
                   "Action": ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"], "Resource": "*",
                   "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-2.amazonaws.com"}}}]}"""
                .formatted(app.arn());
    }

    private static byte[] filled(int size, byte value) {
        byte[] b = new byte[size];
        Arrays.fill(b, value);
        return b;
    }
}
