package io.kmslab.operations;

import io.kmslab.api.KeyMetadata;
import io.kmslab.keys.Alias;
import io.kmslab.keys.Arns;
import io.kmslab.keys.AwsServices;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.PolicyDocument;
import io.kmslab.policy.PolicyKind;
import java.time.Instant;
import java.util.Optional;

/**
 * The AWS managed keys ({@code alias/aws/<service>}) of the caller's account and Region: created the first time a
 * service uses one, or when DescribeKey names the alias of one that does not exist yet.
 */
public final class AwsManagedKeys {
    private final OperationScope kms;

    public AwsManagedKeys(OperationScope kms) {
        this.kms = kms;
    }

    public KeyMetadata ofService(String service) {
        Instant now = kms.now();
        String aliasName = "alias/aws/" + service;
        synchronized (kms.store()) {
            Optional<Alias> existing = kms.store().alias(aliasName);
            if (existing.isPresent()) {
                return KeyMetadataView.of(kms.keys(), kms.store().key(existing.get().targetKeyId()).orElseThrow());
            }
            String keyId = kms.newKeyId();
            String arn = Arns.keyArn(kms.region(), kms.caller().accountId(), keyId);
            PolicyDocument policy = PolicyDocument.parse(KeyPolicies.awsManaged(kms.caller().accountId(),
                    kms.region(), service, AwsServices.viaServiceName(service)), PolicyKind.KEY_POLICY);
            KmsKey key = new KmsKey(new KmsKey.Identity(keyId, arn, kms.caller().accountId(), kms.region(), now,
                    KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT, OriginType.AWS_KMS, KeyManagerType.AWS,
                    kms.keys().nextSequence()), AwsServices.description(service), policy,
                    kms.materials().generate(KeySpec.SYMMETRIC_DEFAULT, now));
            key.enableRotation(365, now);
            kms.store().add(key);
            kms.keys().enterInLedger(key);
            kms.store().addAlias(new Alias(aliasName, Arns.aliasArn(kms.region(), kms.caller().accountId(), aliasName),
                    keyId, now, now));
            kms.timeline().scheduleRotation(key);
            kms.mutated();
            return KeyMetadataView.of(kms.keys(), key);
        }
    }

    /**
     * DescribeKey of an AWS managed key's alias ({@code alias/aws/<service>}) that does not exist yet creates the key,
     * as AWS does ("If you specify an AWS managed key alias that hasn't been created, DescribeKey creates it").
     */
    void createOnDescribe(String keyId) {
        String aliasName = keyId;
        if (keyId.startsWith("arn:")) {
            Optional<Arns.KmsArn> arn = Arns.parse(keyId);
            if (arn.isEmpty() || !arn.get().isAlias() || !arn.get().region().equals(kms.region())
                    || !arn.get().account().equals(kms.caller().accountId())) {
                return;
            }
            aliasName = arn.get().aliasName();
        }
        if (aliasName.startsWith("alias/aws/") && kms.store().alias(aliasName).isEmpty()
                && AwsServices.isKnown(aliasName.substring("alias/aws/".length()))) {
            kms.awsManagedKey(aliasName.substring("alias/aws/".length()));
        }
    }
}
