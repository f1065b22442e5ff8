package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.validKeyId;
import static io.kmslab.operations.RequestValidation.validTags;

import io.kmslab.Regions;
import io.kmslab.api.ReplicateKeyRequest;
import io.kmslab.api.ReplicateKeyResponse;
import io.kmslab.api.Tag;
import io.kmslab.api.UpdatePrimaryRegionRequest;
import io.kmslab.errors.AlreadyExistsException;
import io.kmslab.errors.KmsUnsupportedOperationException;
import io.kmslab.errors.NotFoundException;
import io.kmslab.errors.ValidationException;
import io.kmslab.keys.Arns;
import io.kmslab.policy.PolicyDocument;
import java.time.Instant;
import java.util.Map;

/**
 * Multi-Region keys: ReplicateKey makes a replica of a primary key in another Region of the account,
 * UpdatePrimaryRegion moves the primary to another Region.
 */
public final class MultiRegionKeys {
    private final OperationScope kms;

    public MultiRegionKeys(OperationScope kms) {
        this.kms = kms;
    }

    /**
     * ReplicateKey: a replica of a multi-Region primary key in another Region, with the same key id and key material,
     * and its own key policy, tags, description and state. It is Creating until replication completes.
     */
    public ReplicateKeyResponse replicateKey(ReplicateKeyRequest request) {
        Instant now = kms.now();
        validKeyId(request.keyId(), null).required("replicaRegion", request.replicaRegion())
                .length("replicaRegion", request.replicaRegion(), 1, 32)
                .length("description", request.description(), 0, 8192)
                .length("policy", request.policy(), 1, 131072).throwIfAny();
        Map<String, String> tags = validTags(request.tags());
        KmsKey primary = kms.resolution().resolve(request.keyId(), false, "ReplicateKey");
        kms.check("kms:ReplicateKey", primary).key("kms:ReplicaRegion", request.replicaRegion()).enforce();
        if (!primary.multiRegion() || !primary.isPrimary()) {
            throw new KmsUnsupportedOperationException(primary.arn() + " is not a multi-region primary key.");
        }
        primary.requireUsable();
        if (!Regions.isKnown(request.replicaRegion())) {
            throw new ValidationException("The replica region " + request.replicaRegion() + " is not a valid "
                    + "AWS Region.");
        }
        if (request.replicaRegion().equals(kms.region())) {
            throw new ValidationException("The replica region must differ from the Region of the primary key ("
                    + kms.region() + ").");
        }
        // API_ReplicateKey, ReplicaRegion: "The replica must be in a different Amazon Web Services Region than its
        // primary key [...] but in the same Amazon Web Services partition" (so an SM2 key never leaves the China
        // Regions). The error is not documented: ValidationException and the wording are KMS Lab's
        if (!Arns.partition(request.replicaRegion()).equals(Arns.partition(kms.region()))) {
            throw new ValidationException("The replica region " + request.replicaRegion() + " is in the "
                    + Arns.partition(request.replicaRegion()) + " partition, not in the " + Arns.partition(kms.region())
                    + " partition of the primary key.");
        }
        RegionalKeys target = kms.keys().store(kms.caller().accountId(), request.replicaRegion());
        String replicaArn = Arns.keyArn(request.replicaRegion(), kms.caller().accountId(), primary.keyId());
        if (target.key(primary.keyId()).isPresent()) {
            throw new AlreadyExistsException("Key '" + replicaArn + "' already exists");
        }
        PolicyDocument policy = kms.keyPolicies().newKeyPolicy(request.policy(), replicaArn,
                request.bypassPolicyLockoutSafetyCheck());
        KmsKey replica = KmsKey.replicaOf(primary, new KmsKey.Identity(primary.keyId(), replicaArn,
                kms.caller().accountId(), request.replicaRegion(), now, primary.keySpec(), primary.keyUsage(),
                primary.origin(), primary.keyManager(), kms.keys().nextSequence()),
                // botocore, ReplicateKeyRequest Description: "The default value is an empty string (no description).
                // [...] The description is not a shared property of multi-Region keys. [...] KMS does not synchronize
                // this property." Not the primary's description, then: empty unless given
                request.description(), policy);
        replica.putTags(tags);
        target.add(replica);
        kms.keys().enterInLedger(replica);
        kms.touched(replica);
        kms.timeline().scheduleReplication(replica, now);
        return new ReplicateKeyResponse(KeyMetadataView.of(kms.keys(), replica), policy.text(),
                replica.tagEntries().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList());
    }

    /** UpdatePrimaryRegion: the related key in another Region becomes the primary; this one becomes a replica. */
    public void updatePrimaryRegion(UpdatePrimaryRegionRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).required("primaryRegion", request.primaryRegion())
                .length("primaryRegion", request.primaryRegion(), 1, 32).throwIfAny();
        KmsKey primary = kms.resolution().resolve(request.keyId(), false, "UpdatePrimaryRegion");
        kms.check("kms:UpdatePrimaryRegion", primary).key("kms:PrimaryRegion", request.primaryRegion()).enforce();
        if (!primary.multiRegion() || !primary.isPrimary()) {
            throw new KmsUnsupportedOperationException(primary.arn() + " is not a multi-region primary key.");
        }
        if (request.primaryRegion().equals(kms.region())) {
            return;
        }
        KmsKey next = kms.keys().relatedKeys(primary).stream().filter(k -> k.region().equals(request.primaryRegion()))
                .findFirst().orElseThrow(() -> new NotFoundException("Key '" + Arns.keyArn(request.primaryRegion(),
                        kms.caller().accountId(), primary.keyId()) + "' does not exist"));
        next.requireUsable();
        primary.setPrimary(false);
        next.setPrimary(true);
        // ct-update-primary-region.html: one entry in each Region (none more when the primary stays, above)
        kms.alsoLoggedIn(next.region(), next.arn());
    }
}
