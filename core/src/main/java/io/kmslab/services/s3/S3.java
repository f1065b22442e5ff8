package io.kmslab.services.s3;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.Regions;
import io.kmslab.ServiceRoute;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.keys.Arns;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.ResourceIds;
import io.kmslab.services.common.SealedData;
import io.kmslab.services.common.ServiceAuthorization;
import io.kmslab.services.common.ServiceKms;
import io.kmslab.services.s3.BucketKeys.Lease;
import io.kmslab.services.s3.S3Resources.BucketState;
import io.kmslab.services.s3.S3Resources.Upload;
import io.kmslab.services.s3.S3Resources.UploadedPart;
import io.kmslab.services.s3.StoredObject.SealedPart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Amazon S3 as one requester uses it, as far as server-side encryption shows: buckets with a Region, an owner, a
 * default encryption and a bucket policy; objects written and read through KMS exactly as S3 calls it. Every KMS call
 * goes through {@link ServiceKms} with the requester's identity (S3 uses forward access sessions:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_forward_access_sessions.html), {@code kms:ViaService} =
 * {@code s3.<bucket Region>.amazonaws.com}, and is authorized, audited (invokedBy {@code s3.amazonaws.com}) and billed
 * like any other.
 *
 * <p>The KMS calls (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html):
 * <ul>
 *   <li>PutObject, CopyObject's target, CreateMultipartUpload: GenerateDataKey (AES_256) with the encryption context
 *       {@code aws:s3:arn} = the object's ARN and the requester's own pairs;</li>
 *   <li>GetObject, CopyObject's source: Decrypt with the same context;</li>
 *   <li>UploadPart: Decrypt of the upload's data key ("you must have kms:GenerateDataKey and kms:Decrypt
 *       permissions ... The kms:Decrypt permission allows you to encrypt newly uploaded parts with the key that you
 *       used for previous parts of the same object", https://repost.aws/knowledge-center/s3-large-file-encryption-kms-key);</li>
 *   <li>HeadObject, DeleteObject, CompleteMultipartUpload and everything under SSE-S3: none;</li>
 *   <li>with an S3 Bucket Key: GenerateDataKey or Decrypt of a bucket-level key (context: the bucket's ARN) only when
 *       the requester holds none (see {@link BucketKeys}).</li>
 * </ul>
 *
 * <p>A key named by key id or alias is resolved in the requester's account and the bucket's Region; a key of another
 * Region is not found there. Errors are S3's ({@link AwsServiceException}, service {@code s3}); a KMS failure keeps
 * the KMS error and its decision ({@code kmsDecision().get().explain()}).
 *
 * <pre>{@code
 * S3 s3 = AwsCloud.of(lab).s3(Caller.root("111122223333"));
 * s3.createBucket(CreateBucketRequest.of("reports", "eu-west-2"));
 * s3.putBucketEncryption(PutBucketEncryptionRequest.of("reports",
 *         ServerSideEncryptionConfiguration.sseKms(keyArn, true)));
 * s3.putObject(PutObjectRequest.of("reports", "2026/03.csv", data));
 * byte[] back = s3.getObject(GetObjectRequest.of("reports", "2026/03.csv")).body();
 * }</pre>
 */
public final class S3 {
    /** https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets). */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    /** Object keys: "up to 1,024 bytes long" in UTF-8 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). */
    private static final int MAX_KEY_BYTES = 1024;
    /** "Part size: 5 MiB to 5 GiB. There is no minimum size limit on the last part" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
    static final int MIN_PART_BYTES = 5 * 1024 * 1024;
    /** "Part numbers: 1 to 10,000 (inclusive)" (same page). */
    private static final int MAX_PART_NUMBER = 10_000;
    private static final String S3_ARN_KEY = "aws:s3:arn";

    private final KmsLab lab;
    private final Caller caller;
    private final S3Resources state;
    private final Map<String, ServiceKms> kmsByRegion = new HashMap<>();

    /** S3 for one requester; what S3 keeps is the lab's, shared by every handle. */
    public S3(KmsLab lab, Caller caller) {
        this.lab = lab;
        this.caller = caller;
        this.state = lab.attached(S3Resources.class, S3Resources::new);
    }

    public Caller caller() {
        return caller;
    }

    // ------------------------------------------------------------------------------------------ settings

    /**
     * How long S3 keeps a bucket-level key for a requester (KMS Lab's setting: AWS publishes no figure; the default
     * is {@link BucketKeys#DEFAULT_LIFETIME}). Shared by every requester of the lab.
     */
    public Duration bucketKeyLifetime() {
        synchronized (state) {
            return state.bucketKeys.lifetime();
        }
    }

    /** Sets {@link #bucketKeyLifetime()}; bucket-level keys already held keep the expiry they had. */
    public void bucketKeyLifetime(Duration lifetime) {
        synchronized (state) {
            state.bucketKeys.lifetime(lifetime);
        }
    }

    // ------------------------------------------------------------------------------------------ buckets

    /**
     * CreateBucket in a Region, owned by the requester's account. Bucket names are one namespace for every account
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html).
     */
    public CreateBucketResponse createBucket(CreateBucketRequest request) {
        String name = request.bucket();
        if (name == null || !BUCKET_NAME.matcher(name).matches() || name.contains("..")
                || IP_ADDRESS.matcher(name).matches()) {
            throw S3Errors.invalidBucketName();
        }
        if (request.region() == null || !Regions.isKnown(request.region())) {
            throw S3Errors.invalidLocationConstraint();
        }
        synchronized (state) {
            Bucket bucket = new Bucket(name, request.region(), caller.accountId(), now());
            // the bucket to be, with no policy yet: the requester's IAM policies decide
            authorize(new BucketState(bucket), "s3:CreateBucket", bucket.arn(), Map.of());
            BucketState existing = state.buckets.get(name);
            if (existing != null) {
                throw existing.bucket.ownerAccountId().equals(caller.accountId()) ? S3Errors.bucketAlreadyOwnedByYou()
                        : S3Errors.bucketAlreadyExists();
            }
            state.buckets.put(name, new BucketState(bucket));
            return new CreateBucketResponse("/" + name, bucket);
        }
    }

    /**
     * PutBucketEncryption: the default encryption of new objects. S3 does not check the KMS key here: a key that
     * does not exist, or is of another Region, fails the first write that uses it (KMS Lab's reading of
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html, which names no such check).
     */
    public void putBucketEncryption(PutBucketEncryptionRequest request) {
        ServerSideEncryptionConfiguration configuration = request.serverSideEncryptionConfiguration();
        if (configuration == null || configuration.rules().isEmpty()
                || configuration.rule().applyServerSideEncryptionByDefault() == null) {
            // a configuration without a rule or a default does not match the API's XML schema
            throw S3Errors.malformedXml();
        }
        ServerSideEncryptionByDefault rule = configuration.rule().applyServerSideEncryptionByDefault();
        if (rule.kmsMasterKeyId() != null && !rule.sseAlgorithm().usesKms()) {
            // unconfirmed wording: a KMSMasterKeyID "can only be used when you set the value of SSEAlgorithm as
            // aws:kms or aws:kms:dsse" (API_ServerSideEncryptionByDefault.html)
            throw S3Errors.invalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not "
                    + "aws:kms or aws:kms:dsse");
        }
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            authorize(bucket, "s3:PutEncryptionConfiguration", bucket.bucket.arn(), Map.of());
            bucket.encryption = configuration;
        }
    }

    /** GetBucketEncryption: SSE-S3 unless PutBucketEncryption changed it. */
    public GetBucketEncryptionResponse getBucketEncryption(String bucketName) {
        synchronized (state) {
            BucketState bucket = bucket(bucketName);
            authorize(bucket, "s3:GetEncryptionConfiguration", bucket.bucket.arn(), Map.of());
            return new GetBucketEncryptionResponse(bucket.encryption);
        }
    }

    /** PutBucketPolicy: the bucket's resource-based policy, checked as S3 checks it ({@link BucketPolicy}). */
    public void putBucketPolicy(PutBucketPolicyRequest request) {
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            authorize(bucket, "s3:PutBucketPolicy", bucket.bucket.arn(), Map.of());
            bucket.policy = BucketPolicy.parse(lab, bucket.bucket, request.policy());
        }
    }

    public GetBucketPolicyResponse getBucketPolicy(String bucketName) {
        synchronized (state) {
            BucketState bucket = bucket(bucketName);
            authorize(bucket, "s3:GetBucketPolicy", bucket.bucket.arn(), Map.of());
            if (bucket.policy == null) {
                throw S3Errors.noSuchBucketPolicy();
            }
            return new GetBucketPolicyResponse(bucket.policy.text());
        }
    }

    public void deleteBucketPolicy(String bucketName) {
        synchronized (state) {
            BucketState bucket = bucket(bucketName);
            authorize(bucket, "s3:DeleteBucketPolicy", bucket.bucket.arn(), Map.of());
            bucket.policy = null;
        }
    }

    // ------------------------------------------------------------------------------------------ objects

    /**
     * PutObject: encrypts the data as the headers say, or as the bucket's default does, and stores it. SSE-KMS
     * without an S3 Bucket Key makes one GenerateDataKey; with one, a GenerateDataKey only when the requester holds no
     * bucket-level key for this bucket and KMS key.
     */
    public PutObjectResponse putObject(PutObjectRequest request) {
        requireKey(request.key());
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            Encryption choice = authorizedWrite(bucket, request.key(), request.serverSideEncryption(),
                    request.ssekmsKeyId(), request.ssekmsEncryptionContext(), request.bucketKeyEnabled());
            StoredObject object = store(bucket, request.key(), choice, request.body());
            return new PutObjectResponse(object.eTag(), object.sse(), object.kmsKeyArn(), object.responseContext(),
                    object.bucketKeyEnabled());
        }
    }

    /**
     * GetObject: the object's data, decrypted. SSE-KMS: a Decrypt of its data key, which needs {@code kms:Decrypt};
     * a refused or failed Decrypt fails the GET with S3's error for it ({@link S3Errors#fromKms}).
     */
    public GetObjectResponse getObject(GetObjectRequest request) {
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            authorize(bucket, "s3:GetObject", bucket.bucket.objectArn(request.key()), Map.of());
            StoredObject object = object(bucket, request.key());
            byte[] body = read(bucket.bucket, object);
            return new GetObjectResponse(body, body.length, object.eTag(), object.lastModified(), object.sse(),
                    object.kmsKeyArn(), object.bucketKeyEnabled());
        }
    }

    /** HeadObject: the object's metadata (its encryption and key ARN included) with no KMS call. */
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            // HeadObject is authorized as s3:GetObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html)
            authorize(bucket, "s3:GetObject", bucket.bucket.objectArn(request.key()), Map.of());
            StoredObject object = object(bucket, request.key());
            return new HeadObjectResponse(object.size(), object.eTag(), object.lastModified(), object.sse(),
                    object.kmsKeyArn(), object.bucketKeyEnabled());
        }
    }

    /**
     * CopyObject: reads the source as GetObject does (a Decrypt of its key) and writes the copy as PutObject does
     * (a GenerateDataKey for the target), with the copy's headers or the destination bucket's default. The source's
     * own encryption context pairs are not copied. The KMS calls of both sides are the requester's.
     */
    public CopyObjectResponse copyObject(CopyObjectRequest request) {
        requireKey(request.destinationKey());
        synchronized (state) {
            BucketState source = bucket(request.sourceBucket());
            BucketState destination = bucket(request.destinationBucket());
            authorize(source, "s3:GetObject", source.bucket.objectArn(request.sourceKey()),
                    Map.of());
            StoredObject original = object(source, request.sourceKey());
            Encryption choice = authorizedWrite(destination, request.destinationKey(), request.serverSideEncryption(),
                    request.ssekmsKeyId(), request.ssekmsEncryptionContext(), request.bucketKeyEnabled());
            byte[] data = read(source.bucket, original);
            StoredObject copy = store(destination, request.destinationKey(), choice, data);
            return new CopyObjectResponse(copy.eTag(), copy.lastModified(), copy.sse(), copy.kmsKeyArn(),
                    copy.responseContext(), copy.bucketKeyEnabled());
        }
    }

    /** DeleteObject: no KMS call; deleting a key that is not there succeeds, as in S3. */
    public void deleteObject(DeleteObjectRequest request) {
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            authorize(bucket, "s3:DeleteObject", bucket.bucket.objectArn(request.key()),
                    Map.of());
            bucket.objects.remove(request.key());
        }
    }

    // ------------------------------------------------------------------------------------------ multipart uploads

    /** CreateMultipartUpload: chooses the encryption, and for SSE-KMS makes the object's GenerateDataKey. */
    public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
        requireKey(request.key());
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            Encryption choice = authorizedWrite(bucket, request.key(), request.serverSideEncryption(),
                    request.ssekmsKeyId(), request.ssekmsEncryptionContext(), request.bucketKeyEnabled());
            Sealing sealing = seal(bucket.bucket, request.key(), choice);
            String uploadId = ResourceIds.hex(lab, 32);
            bucket.uploads.put(uploadId, new Upload(uploadId, request.key(), choice.sse(), sealing.kmsKeyArn(),
                    sealing.kmsContext(), choice.callerContext(), choice.bucketKey(), sealing.encryption()));
            return new CreateMultipartUploadResponse(bucket.bucket.name(), request.key(), uploadId, choice.sse(),
                    sealing.kmsKeyArn(), choice.bucketKey());
        }
    }

    /**
     * UploadPart: encrypts the part under the upload's data key, which S3 gets back from KMS with Decrypt (SSE-KMS
     * without a Bucket Key: one Decrypt a part), hence {@code kms:Decrypt} for every multipart upload.
     */
    public UploadPartResponse uploadPart(UploadPartRequest request) {
        if (request.partNumber() < 1 || request.partNumber() > MAX_PART_NUMBER) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive");
        }
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            authorize(bucket, "s3:PutObject", bucket.bucket.objectArn(request.key()), Map.of());
            Upload upload = upload(bucket, request.key(), request.uploadId());
            DataKeys keys = open(bucket.bucket, upload.key, upload.encryption, upload.kmsContext);
            byte[] body = request.body();
            SealedPart part = keys.seal(request.partNumber(), body, bucket.bucket.objectArn(upload.key));
            String eTag = eTag();
            upload.parts.put(request.partNumber(), new UploadedPart(eTag, part));
            return new UploadPartResponse(eTag, upload.sse, upload.kmsKeyArn, upload.bucketKeyEnabled);
        }
    }

    /**
     * CompleteMultipartUpload: the named parts, in ascending order, become the object; every part but the last must
     * be at least 5 MiB. No KMS call (the parts are already encrypted; see the class comment).
     */
    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            authorize(bucket, "s3:PutObject", bucket.bucket.objectArn(request.key()), Map.of());
            Upload upload = upload(bucket, request.key(), request.uploadId());
            if (request.parts().isEmpty()) {
                // unconfirmed wording
                throw S3Errors.invalidArgument("You must specify at least one part");
            }
            List<SealedPart> parts = new ArrayList<>();
            int previous = 0;
            long size = 0;
            for (CompletedPart named : request.parts()) {
                if (named.partNumber() <= previous) {
                    throw S3Errors.invalidPartOrder();
                }
                previous = named.partNumber();
                UploadedPart uploaded = upload.parts.get(named.partNumber());
                if (uploaded == null || !uploaded.eTag().equals(named.eTag())) {
                    throw S3Errors.invalidPart();
                }
                parts.add(uploaded.part());
                size += uploaded.part().size();
            }
            for (int i = 0; i < parts.size() - 1; i++) {
                if (parts.get(i).size() < MIN_PART_BYTES) {
                    throw S3Errors.entityTooSmall();
                }
            }
            String eTag = "\"" + ResourceIds.hex(lab, 16) + "-" + parts.size() + "\"";
            StoredObject object = new StoredObject(upload.key, upload.sse, upload.kmsKeyArn, upload.kmsContext,
                    upload.callerContext, upload.bucketKeyEnabled, upload.encryption, List.copyOf(parts), size, now(),
                    eTag);
            bucket.objects.put(upload.key, object);
            bucket.uploads.remove(upload.uploadId);
            return new CompleteMultipartUploadResponse(bucket.bucket.name(), upload.key, eTag, upload.sse,
                    upload.kmsKeyArn, upload.bucketKeyEnabled);
        }
    }

    public void abortMultipartUpload(AbortMultipartUploadRequest request) {
        synchronized (state) {
            BucketState bucket = bucket(request.bucket());
            authorize(bucket, "s3:AbortMultipartUpload", bucket.bucket.objectArn(request.key()),
                    Map.of());
            Upload upload = upload(bucket, request.key(), request.uploadId());
            bucket.uploads.remove(upload.uploadId);
        }
    }

    // ------------------------------------------------------------------------------------------ encryption

    /** The encryption an object gets, from its headers and the bucket's default. */
    private record Encryption(ServerSideEncryption sse, String keyId, Map<String, String> callerContext,
            boolean bucketKey) {
    }

    /** A new object's data key(s) and how they are kept. */
    private record Sealing(ObjectEncryption encryption, DataKeys keys, String kmsKeyArn,
            Map<String, String> kmsContext) {
    }

    /**
     * The headers, or the bucket's default when there are none
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html): {@code aws:kms} without a key id means
     * {@code aws/s3} ("If you specify x-amz-server-side-encryption:aws:kms, but don't provide
     * x-amz-server-side-encryption-aws-kms-key-id, Amazon S3 uses the AWS managed key (aws/s3)"); without a
     * Bucket Key header the bucket's setting applies (https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-bucket-key-object.html);
     * DSSE-KMS never uses a Bucket Key ("S3 Bucket Keys aren't supported for DSSE-KMS", UsingDSSEncryption.html;
     * KMS Lab ignores a Bucket Key header with it, the error S3 gives, if any, is unconfirmed).
     */
    private Encryption choose(BucketState bucket, ServerSideEncryption sse, String keyId,
            Map<String, String> context, Boolean bucketKeyHeader) {
        boolean kmsHeaders = keyId != null || (context != null && !context.isEmpty());
        if (kmsHeaders && (sse == null || !sse.usesKms())) {
            throw S3Errors.kmsHeaderWithoutKms();
        }
        ServerSideEncryptionRule rule = bucket.encryption.rule();
        ServerSideEncryption algorithm = sse;
        String key = keyId;
        if (algorithm == null) {
            algorithm = rule.applyServerSideEncryptionByDefault().sseAlgorithm();
            key = rule.applyServerSideEncryptionByDefault().kmsMasterKeyId();
        }
        boolean bucketKey = algorithm == ServerSideEncryption.AWS_KMS
                && (bucketKeyHeader != null ? bucketKeyHeader : rule.bucketKeyEnabled());
        return new Encryption(algorithm, algorithm.usesKms() ? key : null,
                context == null ? Map.of() : new TreeMap<>(context), bucketKey);
    }

    /** Encrypts and keeps a new object (replacing any of the same key). */
    private StoredObject store(BucketState bucket, String key, Encryption choice, byte[] data) {
        Sealing sealing = seal(bucket.bucket, key, choice);
        SealedPart part = sealing.keys().seal(1, data, bucket.bucket.objectArn(key));
        StoredObject object = new StoredObject(key, choice.sse(), sealing.kmsKeyArn(), sealing.kmsContext(),
                Map.copyOf(choice.callerContext()), choice.bucketKey(), sealing.encryption(), List.of(part),
                data.length, now(), eTag());
        bucket.objects.put(key, object);
        return object;
    }

    /** A new object's data key(s): from S3 itself, from KMS, or derived from a bucket-level key. */
    private Sealing seal(Bucket bucket, String key, Encryption choice) {
        String objectArn = bucket.objectArn(key);
        switch (choice.sse()) {
            case AES256: {
                byte[] dataKey = randomBytes(32);
                SealedData wrapped = SealedData.seal(state.s3ManagedKey, dataKey, SealedData.aad("sse-s3 " + objectArn),
                        lab.randomness());
                return new Sealing(new ObjectEncryption.S3Managed(wrapped), new DataKeys(dataKey, null), null, null);
            }
            case AWS_KMS: {
                if (choice.bucketKey()) {
                    Map<String, String> context = Map.of(S3_ARN_KEY, bucket.arn());
                    Lease lease = state.bucketKeys.forWriting(bucket.arn(), caller.arn(),
                            choice.keyId() == null ? "alias/aws/s3" : choice.keyId(), now(), () -> {
                                GenerateDataKeyResponse fetched = generateDataKey(bucket,
                                        kmsKeyId(bucket, choice.keyId()), context);
                                return new BucketKeys.Fetched(fetched.keyId(), fetched.ciphertextBlob(),
                                        fetched.plaintext());
                            });
                    byte[] salt = randomBytes(16);
                    return new Sealing(new ObjectEncryption.BucketKeyDerived(lease.key(), salt),
                            new DataKeys(BucketKeys.objectKey(lease.plaintext(), salt, objectArn), null),
                            lease.key().kmsKeyArn(), context);
                }
                Map<String, String> context = objectContext(choice.callerContext(), objectArn);
                GenerateDataKeyResponse dataKey = generateDataKey(bucket, kmsKeyId(bucket, choice.keyId()), context);
                return new Sealing(new ObjectEncryption.KmsDataKey(dataKey.ciphertextBlob()),
                        new DataKeys(dataKey.plaintext(), null), dataKey.keyId(), context);
            }
            case AWS_KMS_DSSE: {
                Map<String, String> context = objectContext(choice.callerContext(), objectArn);
                GenerateDataKeyResponse dataKey = generateDataKey(bucket, kmsKeyId(bucket, choice.keyId()), context);
                byte[] second = randomBytes(32);
                SealedData wrapped = SealedData.seal(state.s3ManagedKey, second, SealedData.aad("dsse " + objectArn),
                        lab.randomness());
                return new Sealing(new ObjectEncryption.DualLayer(dataKey.ciphertextBlob(), wrapped),
                        new DataKeys(dataKey.plaintext(), second), dataKey.keyId(), context);
            }
            default:
                throw new IllegalStateException("No encryption " + choice.sse());
        }
    }

    /** The data key(s) of an object already written: from S3 itself, from KMS (Decrypt), or a bucket-level key. */
    private DataKeys open(Bucket bucket, String key, ObjectEncryption encryption, Map<String, String> kmsContext) {
        String objectArn = bucket.objectArn(key);
        if (encryption instanceof ObjectEncryption.S3Managed s3Managed) {
            return new DataKeys(s3Managed.wrappedDataKey().open(state.s3ManagedKey,
                    SealedData.aad("sse-s3 " + objectArn)), null);
        }
        if (encryption instanceof ObjectEncryption.KmsDataKey kmsDataKey) {
            return new DataKeys(decrypt(bucket, kmsDataKey.ciphertextBlob(), kmsContext), null);
        }
        if (encryption instanceof ObjectEncryption.BucketKeyDerived derived) {
            BucketKeys.BucketLevelKey bucketKey = derived.bucketKey();
            byte[] plaintext = state.bucketKeys.forReading(bucketKey, caller.arn(), now(),
                    () -> decrypt(bucket, bucketKey.ciphertextBlob(), Map.of(S3_ARN_KEY, bucketKey.bucketArn())));
            return new DataKeys(BucketKeys.objectKey(plaintext, derived.salt(), objectArn), null);
        }
        ObjectEncryption.DualLayer dual = (ObjectEncryption.DualLayer) encryption;
        return new DataKeys(decrypt(bucket, dual.ciphertextBlob(), kmsContext),
                dual.wrappedSecondLayerKey().open(state.s3ManagedKey, SealedData.aad("dsse " + objectArn)));
    }

    private byte[] read(Bucket bucket, StoredObject object) {
        DataKeys keys = open(bucket, object.key(), object.encryption(), object.kmsContext());
        String objectArn = bucket.objectArn(object.key());
        if (object.parts().size() == 1) {
            return keys.open(object.parts().get(0), objectArn);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(object.size(), Integer.MAX_VALUE));
        for (SealedPart part : object.parts()) {
            out.writeBytes(keys.open(part, objectArn));
        }
        return out.toByteArray();
    }

    /** {@code aws:s3:arn} = the object's ARN, with the requester's pairs ("S3 always appends aws:s3:arn"). */
    private static Map<String, String> objectContext(Map<String, String> callerPairs, String objectArn) {
        if (callerPairs.isEmpty()) {
            return Map.of(S3_ARN_KEY, objectArn);
        }
        Map<String, String> context = new TreeMap<>(callerPairs);
        // KMS Lab: S3's own pair wins over a pair of the same name from the requester (what S3 does is unconfirmed)
        context.put(S3_ARN_KEY, objectArn);
        return Map.copyOf(context);
    }

    /**
     * The key id S3 passes to KMS. None: the requester's {@code aws/s3}, created on first use, by its ARN. A key
     * ARN or alias (name or ARN): as given. A bare key id: named in the bucket's Region and the requester's account;
     * the errors that follow are those recorded from S3: "Key 'arn:aws:kms:us-west-1:...:key/...' does not exist" for
     * the id of a key of another Region (https://github.com/aws/aws-cli/issues/1517) and "Invalid keyId aws/s3" for
     * {@code aws/s3} without {@code alias/} (https://github.com/aws/aws-cli/issues/4507). That S3 forms an ARN is KMS
     * Lab's reading of those two messages, not a published fact.
     */
    private String kmsKeyId(Bucket bucket, String requested) {
        if (requested == null) {
            return serviceKms(bucket.region()).kms().awsManagedKey("s3").arn();
        }
        if (requested.startsWith("arn:") || requested.startsWith("alias/")) {
            return requested;
        }
        return Arns.keyArn(bucket.region(), caller.accountId(), requested);
    }

    private GenerateDataKeyResponse generateDataKey(Bucket bucket, String keyId, Map<String, String> context) {
        return serviceKms(bucket.region()).call(k -> k.generateDataKey(GenerateDataKeyRequest.builder().keyId(keyId)
                .encryptionContext(context).keySpec(DataKeySpec.AES_256).build()), S3Errors::fromKms);
    }

    private byte[] decrypt(Bucket bucket, byte[] ciphertextBlob, Map<String, String> context) {
        return serviceKms(bucket.region()).call(k -> k.decrypt(DecryptRequest.of(ciphertextBlob, context)),
                S3Errors::fromKms).plaintext();
    }

    /** The KMS of the bucket's Region, as S3 calls it for this requester. */
    private ServiceKms serviceKms(String region) {
        return kmsByRegion.computeIfAbsent(region, r -> new ServiceKms(lab, caller, ServiceRoute.invokedBy("s3", r)));
    }

    /**
     * An object's data key(s): one, or two for DSSE-KMS (the first layer's from KMS, the second S3's). Each part is
     * bound to its object's ARN and part number.
     */
    private final class DataKeys {
        private final byte[] first;
        private final byte[] second;

        DataKeys(byte[] first, byte[] second) {
            this.first = first;
            this.second = second;
        }

        SealedPart seal(int partNumber, byte[] data, String objectArn) {
            byte[] aad = partAad(objectArn, partNumber);
            SealedData inner = SealedData.seal(first, data, aad, lab.randomness());
            if (second == null) {
                return new SealedPart(partNumber, inner, data.length);
            }
            byte[] innerBytes = concat(inner.iv(), inner.ciphertext());
            return new SealedPart(partNumber, SealedData.seal(second, innerBytes, aad, lab.randomness()), data.length);
        }

        byte[] open(SealedPart part, String objectArn) {
            byte[] aad = partAad(objectArn, part.partNumber());
            if (second == null) {
                return part.data().open(first, aad);
            }
            byte[] innerBytes = part.data().open(second, aad);
            SealedData inner = new SealedData(java.util.Arrays.copyOfRange(innerBytes, 0, 12),
                    java.util.Arrays.copyOfRange(innerBytes, 12, innerBytes.length));
            return inner.open(first, aad);
        }

        @Override
        public String toString() {
            return second == null ? "DataKeys[1 key]" : "DataKeys[2 keys]";
        }
    }

    private static byte[] partAad(String objectArn, int partNumber) {
        return (objectArn + "#" + partNumber).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ------------------------------------------------------------------------------------------ lookups and checks

    private BucketState bucket(String name) {
        BucketState bucket = name == null ? null : state.buckets.get(name);
        if (bucket == null) {
            throw S3Errors.noSuchBucket();
        }
        return bucket;
    }

    private static StoredObject object(BucketState bucket, String key) {
        StoredObject object = bucket.objects.get(key);
        if (object == null) {
            throw S3Errors.noSuchKey();
        }
        return object;
    }

    private static Upload upload(BucketState bucket, String key, String uploadId) {
        Upload upload = uploadId == null ? null : bucket.uploads.get(uploadId);
        if (upload == null || !upload.key.equals(key)) {
            throw S3Errors.noSuchUpload();
        }
        return upload;
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            // unconfirmed wording: S3 has no object without a key (a PUT to the bucket itself is another request)
            throw S3Errors.invalidArgument("An object key must not be empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Errors.keyTooLong();
        }
    }

    /**
     * Whether the requester may perform {@code action} on the bucket or one of its objects: the IAM policy evaluation
     * of the bucket policy and the requester's IAM policies ({@link ServiceAuthorization}), with the condition keys of
     * an S3 request. Only what object access needs is simulated: no ACLs, access points, Block Public Access, SCPs or
     * session policies. Objects belong to the bucket owner (Object Ownership "bucket owner enforced", the default since
     * April 2023).
     */
    private void authorize(BucketState bucket, String action, String resourceArn,
            Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = new HashMap<>(requestKeys);
        keys.put("aws:SecureTransport", List.of("true"));
        // "User: user-arn is not authorized to perform: action on \"resource-arn\" because context" (S3 User Guide,
        // troubleshoot-403-errors.html); recorded in full as "User: arn:aws:iam::...:user/... is not authorized to
        // perform: s3:GetObject on resource: \"arn:aws:s3:::bucket/key\" with an explicit deny in a resource-based
        // policy" (public AWS CLI transcripts): the resource in quotes
        ServiceAuthorization.Decision decision = ServiceAuthorization.decide(lab, caller, action, resourceArn,
                bucket.bucket.ownerAccountId(), "\"" + resourceArn + "\"",
                bucket.policy == null ? null : bucket.policy.named(bucket.bucket), keys);
        if (!decision.allowed()) {
            // a requester of another account is told no more than "Access Denied"
            throw S3Errors.accessDenied(decision.request().crossAccount() ? "Access Denied"
                    : decision.deniedMessage());
        }
    }

    /**
     * The encryption of a write to {@code key} ({@link #choose}), once S3 lets the requester write there:
     * s3:PutObject on the object, with the encryption headers as sent for condition keys ({@link #headerKeys}).
     */
    private Encryption authorizedWrite(BucketState bucket, String key, ServerSideEncryption sse, String keyId,
            Map<String, String> context, Boolean bucketKeyHeader) {
        Encryption choice = choose(bucket, sse, keyId, context, bucketKeyHeader);
        authorize(bucket, "s3:PutObject", bucket.bucket.objectArn(key), headerKeys(sse, keyId));
        return choice;
    }

    /**
     * The S3 condition keys of a write: the encryption headers as sent (absent when the bucket's default applies,
     * which is why a policy demanding the header refuses writes that rely on the default).
     */
    private static Map<String, List<String>> headerKeys(ServerSideEncryption sse, String keyId) {
        if (sse == null && keyId == null) {
            return Map.of();
        }
        Map<String, List<String>> keys = new HashMap<>();
        if (sse != null) {
            keys.put("s3:x-amz-server-side-encryption", List.of(sse.value()));
        }
        if (keyId != null) {
            keys.put("s3:x-amz-server-side-encryption-aws-kms-key-id", List.of(keyId));
        }
        return keys;
    }

    private Instant now() {
        return lab.time().instant();
    }

    private String eTag() {
        return "\"" + ResourceIds.hex(lab, 16) + "\"";
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        lab.randomness().nextBytes(b);
        return b;
    }
}
