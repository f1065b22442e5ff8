package io.kmslab.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.RotationType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code state.json} of a data directory holds: a lab at one moment, as plain values, and (from format 2) the
 * first journal segment whose changes come after it ({@code journalSegment}; see {@link LabStore}). Not saved,
 * because they are rebuilt on load: the due work (from the keys' states), the request meter (from the audit journal),
 * the audit trail itself (its own file, {@code audit.jsonl}).
 *
 * <p>It holds key material (secret bytes, PKCS #8 private keys, import wrapping keys): no {@code toString} of it prints
 * them, and {@link #wipe()} clears them once written or read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabSnapshot(int format, Instant clockStart, Instant clockNow, List<Key> keys, List<Alias> aliases,
        List<Principal> principals, Long journalSegment,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeyStores> keyStores) {

    /** The format this version of KMS Lab writes; it reads this one and {@link #FIRST_FORMAT}. */
    public static final int FORMAT = 2;

    /** The format of KMS Lab before the journal: {@code state.json} alone, rewritten whole after every change. */
    public static final int FIRST_FORMAT = 1;

    public LabSnapshot {
        keys = List.copyOf(keys);
        aliases = List.copyOf(aliases);
        principals = List.copyOf(principals);
        keyStores = keyStores == null ? List.of() : List.copyOf(keyStores);
    }

    /** Overwrites every secret of the snapshot with zeros. */
    public void wipe() {
        keys.forEach(Key::wipe);
        keyStores.forEach(KeyStores::wipe);
    }

    @Override
    public String toString() {
        return "LabSnapshot[format " + format + ", clock " + clockNow + ", " + keys.size() + " keys, "
                + aliases.size() + " aliases, " + principals.size() + " IAM principals, " + keyStores.size()
                + " Regions with custom key stores or CloudHSM clusters"
                + (journalSegment == null ? "" : ", journal from segment " + journalSegment) + "]";
    }

    /**
     * A key, deleted ones included (for the bill). A key in an external key store names its store in
     * {@code customKeyStoreId} and its external key in {@code xksKeyId} (its XksKeyConfiguration Id; absent in files
     * written before external key stores were saved). The related keys of a multi-Region key share their material: the
     * first of them in the file holds it, the others name that key in {@code sharesMaterialsWith}. The last four
     * members are how files written before keys could hold several imported materials kept their one material; they
     * are read, never written.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Key(String keyId, String arn, String accountId, String region, Instant creationDate,
            KeySpec keySpec, KeyUsageType keyUsage, OriginType origin, KeyManagerType keyManager, long sequence,
            String description, String policy, KeyState state, List<StateChange> history, Instant deletionDate,
            Integer pendingWindowInDays, Instant deletedAt, List<Tag> tags, List<Grant> grants, boolean multiRegion,
            boolean primary, List<ImportParameters> importParameters, List<ImportedMaterial> importedMaterials,
            String sharesMaterialsWith, Materials materials, byte[] importedFingerprint, String importedMaterialId,
            ExpirationModelType expirationModel, Instant validTo, String customKeyStoreId, String xksKeyId) {

        public Key {
            history = List.copyOf(history);
            tags = tags == null ? List.of() : List.copyOf(tags);
            grants = grants == null ? List.of() : List.copyOf(grants);
            importParameters = importParameters == null ? List.of() : List.copyOf(importParameters);
            importedMaterials = importedMaterials == null ? List.of() : List.copyOf(importedMaterials);
            if ((sharesMaterialsWith == null) == (materials == null)) {
                throw new IllegalArgumentException(arn + " must have either its materials or sharesMaterialsWith");
            }
        }

        /** Overwrites the secrets of the key (its import wrapping keys and material) with zeros. */
        void wipe() {
            importParameters.forEach(p -> Arrays.fill(p.wrappingKey(), (byte) 0));
            if (materials != null) {
                materials.generations().forEach(Material::wipe);
            }
        }

        @Override
        public String toString() {
            return "LabSnapshot.Key[" + arn + ", " + keySpec + ", " + state + "]";
        }
    }

    public record StateChange(Instant at, KeyState state) {
    }

    public record Tag(String key, String value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grant(String grantId, String keyArn, String name, Instant creationDate, Instant effectiveFrom,
            String granteePrincipal, String retiringPrincipal, String issuingAccount, List<GrantOperation> operations,
            Map<String, String> encryptionContextSubset, Map<String, String> encryptionContextEquals) {
    }

    /** What GetParametersForImport handed out; the private half of the wrapping key is PKCS #8. */
    /**
     * A key material of a key with imported material (its fingerprint recognises it on re-import; the material
     * itself is among the key's {@link Materials} while imported).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportedMaterial(String materialId, byte[] fingerprint, String description,
            ExpirationModelType expirationModel, Instant validTo, boolean imported, boolean pendingRotation) {
        @Override
        public String toString() {
            return "LabSnapshot.ImportedMaterial[" + materialId + "]";
        }
    }

    public record ImportParameters(String tokenId, byte[] wrappingKey, AlgorithmSpec algorithm, Instant validTo) {
        @Override
        public String toString() {
            return "LabSnapshot.ImportParameters[" + algorithm + ", valid to " + validTo + "]";
        }
    }

    /** The generations of key material and the rotation schedule of a key (shared by related multi-Region keys). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Materials(List<Material> generations, String current, List<Rotation> rotations,
            boolean rotationEnabled, int rotationPeriodInDays, Instant nextRotationDate, boolean rotationOverdue) {

        public Materials {
            generations = List.copyOf(generations);
            rotations = rotations == null ? List.of() : List.copyOf(rotations);
        }

        @Override
        public String toString() {
            return "LabSnapshot.Materials[" + generations.size() + " generations, current " + current + "]";
        }
    }

    /**
     * One generation of key material: the secret bytes of a symmetric or HMAC key, or the private key (PKCS #8) and
     * public key (X.509 SubjectPublicKeyInfo) of an RSA or ECC key pair.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Material(String id, Instant createdAt, byte[] secret, byte[] privateKey, byte[] publicKey) {

        public Material {
            if ((secret == null) == (privateKey == null) || (privateKey == null) != (publicKey == null)) {
                throw new IllegalArgumentException("key material " + id + " must be secret bytes or a key pair");
            }
        }

        void wipe() {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
            if (privateKey != null) {
                Arrays.fill(privateKey, (byte) 0);
            }
        }

        @Override
        public String toString() {
            return "LabSnapshot.Material[" + id + ", " + (secret != null ? "secret" : "key pair") + "]";
        }
    }

    public record Rotation(String keyMaterialId, Instant rotationDate, RotationType rotationType) {
    }

    public record Alias(String aliasName, String aliasArn, String targetKeyId, Instant creationDate,
            Instant lastUpdatedDate) {
    }

    /** An IAM user or role, by ARN, with its inline identity-based policies (their original text). */
    public record Principal(String arn, List<Policy> policies) {
        public Principal {
            policies = policies == null ? List.of() : List.copyOf(policies);
        }
    }

    public record Policy(String name, String document) {
    }

    // ---------------------------------------------------------------- custom key stores

    /**
     * The custom key stores, simulated AWS CloudHSM clusters, simulated XKS proxies and VPC endpoint services of one
     * account in one Region (the keys of a store name it in {@link Key#customKeyStoreId()}). Each store says its type in
     * {@code customKeyStoreType}; a type this version does not know is refused when the file is read. The proxies and
     * endpoint services are lab objects (set up with the lab's Java API): they are saved because their external keys'
     * material is what decrypts the data of an external key store. Files written before external key stores were
     * saved have none.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record KeyStores(String accountId, String region, List<KeyStore> customKeyStores,
            List<Cluster> cloudHsmClusters, List<XksProxy> xksProxies, List<VpcEndpointService> vpcEndpointServices) {
        public KeyStores {
            customKeyStores = customKeyStores == null ? List.of() : List.copyOf(customKeyStores);
            cloudHsmClusters = cloudHsmClusters == null ? List.of() : List.copyOf(cloudHsmClusters);
            xksProxies = xksProxies == null ? List.of() : List.copyOf(xksProxies);
            vpcEndpointServices = vpcEndpointServices == null ? List.of() : List.copyOf(vpcEndpointServices);
        }

        /** Custom key stores and clusters only (no XKS proxy, no VPC endpoint service). */
        public KeyStores(String accountId, String region, List<KeyStore> customKeyStores,
                List<Cluster> cloudHsmClusters) {
            this(accountId, region, customKeyStores, cloudHsmClusters, List.of(), List.of());
        }

        /** Whether there is nothing: no store, cluster, proxy or endpoint service. */
        public boolean empty() {
            return customKeyStores.isEmpty() && cloudHsmClusters.isEmpty() && xksProxies.isEmpty()
                    && vpcEndpointServices.isEmpty();
        }

        void wipe() {
            xksProxies.forEach(p -> p.keys().forEach(XksKey::wipe));
        }

        @Override
        public String toString() {
            return "LabSnapshot.KeyStores[" + accountId + ", " + region + ", " + customKeyStores.size()
                    + " custom key stores, " + cloudHsmClusters.size() + " clusters, " + xksProxies.size()
                    + " XKS proxies, " + vpcEndpointServices.size() + " VPC endpoint services]";
        }
    }

    /** A custom key store, of the type its {@code customKeyStoreType} names (the AWS CustomKeyStoreType values). */
    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
            property = "customKeyStoreType")
    @com.fasterxml.jackson.annotation.JsonSubTypes({
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = CloudHsmKeyStore.class, name = "AWS_CLOUDHSM"),
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = ExternalKeyStore.class,
                name = "EXTERNAL_KEY_STORE")})
    public sealed interface KeyStore permits CloudHsmKeyStore, ExternalKeyStore {
        String customKeyStoreId();
    }

    /**
     * An AWS CloudHSM key store: its cluster and trust anchor, the {@code kmsuser} password KMS holds for it (a secret,
     * as the key material beside it: never printed), and its connection state when saved.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CloudHsmKeyStore(String customKeyStoreId, String name, Instant creationDate, String cloudHsmClusterId,
            String trustAnchorCertificate, String kmsuserPassword,
            io.kmslab.keystores.ConnectionStateType connectionState,
            io.kmslab.keystores.ConnectionErrorCodeType connectionErrorCode) implements KeyStore {
        @Override
        public String toString() {
            return "LabSnapshot.CloudHsmKeyStore[" + customKeyStoreId + ", " + connectionState + "]";
        }
    }

    /**
     * An external key store: its XKS proxy's URI endpoint and path, its connectivity (with the VPC endpoint service of
     * VPC_ENDPOINT_SERVICE connectivity), the proxy authentication credential KMS signs with (a secret, as the
     * {@code kmsuser} password of a CloudHSM store: never printed), and its connection state when saved.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExternalKeyStore(String customKeyStoreId, String name, Instant creationDate,
            String xksProxyUriEndpoint, String xksProxyUriPath,
            io.kmslab.keystores.XksProxyConnectivityType xksProxyConnectivity, String xksProxyVpcEndpointServiceName,
            XksCredential xksProxyAuthenticationCredential, io.kmslab.keystores.ConnectionStateType connectionState,
            io.kmslab.keystores.ConnectionErrorCodeType connectionErrorCode) implements KeyStore {
        @Override
        public String toString() {
            return "LabSnapshot.ExternalKeyStore[" + customKeyStoreId + ", " + xksProxyConnectivity + ", "
                    + connectionState + "]";
        }
    }

    /** An XKS proxy authentication credential (both values sensitive: never printed). */
    public record XksCredential(String accessKeyId, String rawSecretAccessKey) {
        @Override
        public String toString() {
            return "LabSnapshot.XksCredential[*** Sensitive ***]";
        }
    }

    /**
     * A simulated XKS proxy at {@code uriEndpoint}, serving under {@code uriPath}: the credentials it accepts, the
     * external keys of its key manager, and its lab controls.
     */
    public record XksProxy(String uriEndpoint, String uriPath, List<XksCredential> credentials, List<XksKey> keys,
            boolean reachable, boolean malformedAnswers, String ekmHealth) {
        public XksProxy {
            credentials = credentials == null ? List.of() : List.copyOf(credentials);
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        @Override
        public String toString() {
            return "LabSnapshot.XksProxy[" + uriEndpoint + uriPath + ", " + keys.size() + " external keys]";
        }
    }

    /**
     * An external key of a simulated proxy's key manager, with its material (a secret: never printed; compared by
     * value, so that an unchanged proxy is not journaled again).
     */
    public record XksKey(String externalKeyId, String keySpec, List<String> keyUsage, byte[] material,
            boolean enabled) {
        public XksKey {
            keyUsage = keyUsage == null ? List.of() : List.copyOf(keyUsage);
        }

        void wipe() {
            Arrays.fill(material, (byte) 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof XksKey k && externalKeyId.equals(k.externalKeyId)
                    && java.util.Objects.equals(keySpec, k.keySpec) && keyUsage.equals(k.keyUsage)
                    && Arrays.equals(material, k.material) && enabled == k.enabled;
        }

        @Override
        public int hashCode() {
            return externalKeyId.hashCode();
        }

        @Override
        public String toString() {
            return "LabSnapshot.XksKey[" + externalKeyId + ", " + keySpec + ", enabled=" + enabled + "]";
        }
    }

    /** A simulated VPC endpoint service (a lab object) and whether it fulfils each requirement of AWS. */
    public record VpcEndpointService(String serviceName, String privateDnsName, boolean allowsKms,
            boolean acceptanceRequired, boolean privateDnsVerified, int availabilityZones) {
    }

    /** A simulated AWS CloudHSM cluster, with its {@code kmsuser} crypto user (whose password is never printed). */
    public record Cluster(String clusterId, String trustAnchorCertificate, List<String> hsmAvailabilityZones,
            List<String> backingKeyLabels, boolean active, boolean kmsuserExists, boolean kmsuserLockedOut,
            boolean kmsuserLoggedIn, String kmsuserPassword) {
        public Cluster {
            hsmAvailabilityZones = hsmAvailabilityZones == null ? List.of() : List.copyOf(hsmAvailabilityZones);
            backingKeyLabels = backingKeyLabels == null ? List.of() : List.copyOf(backingKeyLabels);
        }

        @Override
        public String toString() {
            return "LabSnapshot.Cluster[" + clusterId + ", HSMs in " + hsmAvailabilityZones + "]";
        }
    }
}
