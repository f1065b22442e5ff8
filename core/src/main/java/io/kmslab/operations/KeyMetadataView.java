package io.kmslab.operations;

import io.kmslab.api.KeyMetadata;
import io.kmslab.api.MultiRegionConfiguration;
import io.kmslab.api.MultiRegionKey;
import io.kmslab.crypto.KeyMaterial;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.OriginType;
import java.util.List;

/** The KeyMetadata of a key, as CreateKey, DescribeKey and ReplicateKey return it. */
public final class KeyMetadataView {
    private KeyMetadataView() {
    }

    static KeyMetadata of(KeyRegistry keys, KmsKey key) {
        KeySpec spec = key.keySpec();
        String materialId = !spec.isSymmetric() ? null : key.origin() == OriginType.EXTERNAL
                ? key.currentImportedMaterialId().orElse(null) : key.currentMaterial().map(KeyMaterial::id).orElse(null);
        return new KeyMetadata(key.accountId(), key.keyId(), key.arn(), key.creationDate(), key.enabled(),
                key.description(), key.keyUsage(), key.state(), key.deletionDate(), key.validTo(), key.origin(),
                key.expirationModel(), key.keyManager(), spec, spec,
                spec.encryptionAlgorithms(key.keyUsage()), spec.signingAlgorithms(key.keyUsage()),
                spec.macAlgorithms(), key.multiRegion(), multiRegionConfiguration(keys, key),
                key.state() == KeyState.PendingReplicaDeletion ? key.pendingWindowInDays() : null, materialId,
                key.customKeyStore() == null ? null : key.customKeyStore().customKeyStoreId(),
                key.customKeyStore() == null ? null : key.customKeyStore().cloudHsmClusterId(),
                spec.keyAgreementAlgorithms(key.keyUsage()), spec.encapsulationAlgorithms(key.keyUsage()),
                // XksKeyConfiguration "appears in a CreateKey or DescribeKey response only for a KMS key in an
                // external key store" (AWS model, XksKeyConfigurationType)
                key.xksKeyId() == null ? null : new io.kmslab.api.XksKeyConfigurationType(key.xksKeyId()));
    }

    private static MultiRegionConfiguration multiRegionConfiguration(KeyRegistry keys, KmsKey key) {
        if (!key.multiRegion()) {
            return null;
        }
        List<KmsKey> related = keys.relatedKeys(key);
        MultiRegionKey primary = related.stream().filter(KmsKey::isPrimary).findFirst()
                .map(k -> new MultiRegionKey(k.arn(), k.region())).orElse(null);
        List<MultiRegionKey> replicas = related.stream().filter(k -> !k.isPrimary())
                .map(k -> new MultiRegionKey(k.arn(), k.region())).toList();
        return new MultiRegionConfiguration(key.isPrimary() ? io.kmslab.keys.MultiRegionKeyType.PRIMARY
                : io.kmslab.keys.MultiRegionKeyType.REPLICA, primary, replicas);
    }
}
