package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kmslab.KmsLab;
import io.kmslab.server.endpoint.ApiCoverage.Kind;
import io.kmslab.server.endpoint.ApiCoverage.Refusal;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * The model-coverage test (issue #14, Build 1): every operation, enum value and error of the AWS KMS model of the
 * AWS SDK on the classpath is served by the lab or listed in {@code api-refused.txt} with a reason, and nothing is
 * both. Served operations are called through the endpoint with the AWS SDK; key specs, usages and origins are tried
 * with CreateKey through the endpoint.
 */
class ApiCoverageTest {
    private static final String ACCOUNT = "111122223333";
    private static final String SDK_MODEL = "software.amazon.awssdk.services.kms.model.";
    private static KmsEndpoint endpoint;
    private static KmsClient kms;
    /** A client of cn-north-1: SM2 keys are offered in the China Regions only (asymmetric-key-specs.html#key-spec-sm). */
    private static KmsClient china;
    private static KmsLab lab;
    private static int clusters;

    @BeforeAll
    static void start() {
        lab = KmsLab.builder().startingAt(Instant.parse("2026-01-20T09:00:00Z")).build();
        endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf(ACCOUNT), "127.0.0.1", 0, "us-east-1");
        kms = SdkClientTest.clientOf(endpoint, Region.US_EAST_1);
        china = SdkClientTest.clientOf(endpoint, Region.CN_NORTH_1);
    }

    @AfterAll
    static void stop() {
        kms.close();
        china.close();
        endpoint.close();
    }

    // ---- the model of the SDK

    private static List<String> modelClasses() {
        return ApiCoverage.classesOfPackageOf(KmsException.class);
    }

    private static Class<?> modelClass(String simpleName) {
        try {
            return Class.forName(SDK_MODEL + simpleName, false, KmsException.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> modelOperations() {
        return modelClasses().stream().filter(name -> name.endsWith("Request") && !name.equals("KmsRequest"))
                .map(name -> name.substring(0, name.length() - "Request".length())).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<String>> modelEnums() {
        Map<String, List<String>> enums = new TreeMap<>();
        for (String name : modelClasses()) {
            Class<?> type = modelClass(name);
            if (type.isEnum()) {
                try {
                    Set<Object> known = (Set<Object>) type.getMethod("knownValues").invoke(null);
                    enums.put(name, known.stream().map(String::valueOf).sorted().toList());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return enums;
    }

    static List<String> modelErrors() {
        return modelClasses().stream().filter(name -> !name.equals("KmsException"))
                .filter(name -> KmsException.class.isAssignableFrom(modelClass(name))).sorted().toList();
    }

    private static Map<String, String> refused(Kind kind) {
        return ApiCoverage.refusals().stream().filter(refusal -> refusal.kind() == kind)
                .collect(Collectors.toMap(Refusal::name, Refusal::reason, (a, b) -> {
                    throw new IllegalStateException("listed twice");
                }, TreeMap::new));
    }

    // ---- operations

    @Test
    void everyOperationOfTheModel_isServedOrRefusedWithAReason_neverBoth() {
        Map<String, String> refused = refused(Kind.operation);
        List<String> unexplained = new ArrayList<>();
        List<String> servedAndRefused = new ArrayList<>();
        for (String operation : modelOperations()) {
            boolean served = Operations.named(operation).isPresent();
            if (!served && !refused.containsKey(operation)) {
                unexplained.add(operation);
            }
            if (served && refused.containsKey(operation)) {
                servedAndRefused.add(operation);
            }
        }
        assertThat(unexplained).as("operations neither served nor refused").isEmpty();
        assertThat(servedAndRefused).as("operations served yet listed as refused").isEmpty();
        assertThat(refused.keySet()).as("refused operations the model does not have")
                .isSubsetOf(modelOperations());
        // and the endpoint serves nothing the model does not have
        assertThat(modelOperations()).containsAll(Operations.names());
    }

    @Test
    void everyServedOperation_answersThroughTheEndpoint_withMinimalValidInput() {
        Map<String, Consumer<KmsClient>> calls = minimalCalls();
        assertThat(calls.keySet()).as("a minimal call for every operation served")
                .isEqualTo(new TreeSet<>(Operations.names()));
        calls.forEach((operation, call) -> assertThatCode(() -> call.accept(kms)).as(operation)
                .doesNotThrowAnyException());
    }

    @Test
    void refusedOperations_areAnsweredUnknownOperationException() {
        for (String operation : refused(Kind.operation).keySet()) {
            RawHttp.Response answer = post(operation, "{}");
            assertThat(answer.status()).as(operation).isEqualTo(400);
            assertThat(answer.body()).as(operation).contains("UnknownOperationException");
        }
    }

    private static RawHttp.Response post(String operation, String body) {
        try {
            return RawHttp.exchange(endpoint.port(), "POST", "/", Map.of("X-Amz-Target", "TrentService." + operation,
                    "Content-Type", "application/x-amz-json-1.1", "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260120/us-east-1/kms/aws4_request, "
                            + "SignedHeaders=host, Signature=00"), body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One call per served operation, with the least input AWS accepts; each makes what it needs first. */
    private static Map<String, Consumer<KmsClient>> minimalCalls() {
        Map<String, Consumer<KmsClient>> calls = new TreeMap<>();
        calls.put("CreateKey", c -> c.createKey(r -> { }));
        calls.put("DescribeKey", c -> c.describeKey(r -> r.keyId(symmetric(c))));
        calls.put("ListKeys", c -> c.listKeys(r -> { }));
        calls.put("EnableKey", c -> c.enableKey(r -> r.keyId(symmetric(c))));
        calls.put("DisableKey", c -> c.disableKey(r -> r.keyId(symmetric(c))));
        calls.put("ScheduleKeyDeletion", c -> c.scheduleKeyDeletion(r -> r.keyId(symmetric(c))));
        calls.put("CancelKeyDeletion", c -> {
            String key = symmetric(c);
            c.scheduleKeyDeletion(r -> r.keyId(key));
            c.cancelKeyDeletion(r -> r.keyId(key));
        });
        calls.put("UpdateKeyDescription", c -> c.updateKeyDescription(r -> r.keyId(symmetric(c)).description("d")));
        calls.put("CreateAlias", c -> c.createAlias(r -> r.aliasName(alias()).targetKeyId(symmetric(c))));
        calls.put("UpdateAlias", c -> {
            String alias = alias();
            c.createAlias(r -> r.aliasName(alias).targetKeyId(symmetric(c)));
            c.updateAlias(r -> r.aliasName(alias).targetKeyId(symmetric(c)));
        });
        calls.put("DeleteAlias", c -> {
            String alias = alias();
            c.createAlias(r -> r.aliasName(alias).targetKeyId(symmetric(c)));
            c.deleteAlias(r -> r.aliasName(alias));
        });
        calls.put("ListAliases", c -> c.listAliases(r -> { }));
        calls.put("CreateCustomKeyStore", c -> customKeyStore(c));
        calls.put("ConnectCustomKeyStore", c -> c.connectCustomKeyStore(r -> r.customKeyStoreId(customKeyStore(c))));
        calls.put("DisconnectCustomKeyStore", c -> {
            String store = customKeyStore(c);
            c.connectCustomKeyStore(r -> r.customKeyStoreId(store));
            c.disconnectCustomKeyStore(r -> r.customKeyStoreId(store));
        });
        calls.put("DeleteCustomKeyStore", c -> c.deleteCustomKeyStore(r -> r.customKeyStoreId(customKeyStore(c))));
        calls.put("DescribeCustomKeyStores", c -> c.describeCustomKeyStores(r -> { }));
        calls.put("UpdateCustomKeyStore", c -> {
            String store = customKeyStore(c);
            c.updateCustomKeyStore(r -> r.customKeyStoreId(store).newCustomKeyStoreName(store + "-renamed"));
        });
        calls.put("DeriveSharedSecret", c -> {
            String key = c.createKey(r -> r.keySpec("ECC_NIST_P256").keyUsage("KEY_AGREEMENT")).keyMetadata().keyId();
            String other = c.createKey(r -> r.keySpec("ECC_NIST_P256").keyUsage("KEY_AGREEMENT")).keyMetadata()
                    .keyId();
            SdkBytes publicKey = c.getPublicKey(r -> r.keyId(other)).publicKey();
            c.deriveSharedSecret(r -> r.keyId(key).keyAgreementAlgorithm("ECDH").publicKey(publicKey));
        });
        calls.put("Encapsulate", c -> c.encapsulate(r -> r.keyId(mlKem(c)).encapsulationAlgorithm("ML_KEM")));
        calls.put("Decapsulate", c -> {
            String key = mlKem(c);
            SdkBytes ciphertext = c.encapsulate(r -> r.keyId(key).encapsulationAlgorithm("ML_KEM"))
                    .sharedSecretCiphertextBlob();
            c.decapsulate(r -> r.keyId(key).sharedSecretCiphertextBlob(ciphertext).encapsulationAlgorithm("ML_KEM"));
        });
        calls.put("TagResource", c -> c.tagResource(r -> r.keyId(symmetric(c))
                .tags(t -> t.tagKey("k").tagValue("v"))));
        calls.put("UntagResource", c -> c.untagResource(r -> r.keyId(symmetric(c)).tagKeys("k")));
        calls.put("ListResourceTags", c -> c.listResourceTags(r -> r.keyId(symmetric(c))));
        calls.put("Encrypt", c -> c.encrypt(r -> r.keyId(symmetric(c)).plaintext(SdkBytes.fromUtf8String("x"))));
        calls.put("Decrypt", c -> c.decrypt(r -> r.ciphertextBlob(ciphertext(c))));
        calls.put("ReEncrypt", c -> c.reEncrypt(r -> r.ciphertextBlob(ciphertext(c))
                .destinationKeyId(symmetric(c))));
        calls.put("GenerateDataKey", c -> c.generateDataKey(r -> r.keyId(symmetric(c)).keySpec("AES_256")));
        calls.put("GenerateDataKeyWithoutPlaintext", c -> c.generateDataKeyWithoutPlaintext(r -> r
                .keyId(symmetric(c)).numberOfBytes(32)));
        calls.put("GenerateDataKeyPair", c -> c.generateDataKeyPair(r -> r.keyId(symmetric(c))
                .keyPairSpec("ECC_NIST_P256")));
        calls.put("GenerateDataKeyPairWithoutPlaintext", c -> c.generateDataKeyPairWithoutPlaintext(r -> r
                .keyId(symmetric(c)).keyPairSpec("ECC_NIST_P256")));
        calls.put("Sign", c -> c.sign(r -> r.keyId(signing(c)).message(SdkBytes.fromUtf8String("m"))
                .signingAlgorithm("ECDSA_SHA_256")));
        calls.put("Verify", c -> {
            String key = signing(c);
            SdkBytes signature = c.sign(r -> r.keyId(key).message(SdkBytes.fromUtf8String("m"))
                    .signingAlgorithm("ECDSA_SHA_256")).signature();
            c.verify(r -> r.keyId(key).message(SdkBytes.fromUtf8String("m")).signature(signature)
                    .signingAlgorithm("ECDSA_SHA_256"));
        });
        calls.put("GenerateMac", c -> c.generateMac(r -> r.keyId(hmac(c)).message(SdkBytes.fromUtf8String("m"))
                .macAlgorithm("HMAC_SHA_256")));
        calls.put("VerifyMac", c -> {
            String key = hmac(c);
            SdkBytes mac = c.generateMac(r -> r.keyId(key).message(SdkBytes.fromUtf8String("m"))
                    .macAlgorithm("HMAC_SHA_256")).mac();
            c.verifyMac(r -> r.keyId(key).message(SdkBytes.fromUtf8String("m")).mac(mac)
                    .macAlgorithm("HMAC_SHA_256"));
        });
        calls.put("GetPublicKey", c -> c.getPublicKey(r -> r.keyId(signing(c))));
        calls.put("GenerateRandom", c -> c.generateRandom(r -> r.numberOfBytes(16)));
        calls.put("EnableKeyRotation", c -> c.enableKeyRotation(r -> r.keyId(symmetric(c))));
        calls.put("DisableKeyRotation", c -> c.disableKeyRotation(r -> r.keyId(symmetric(c))));
        calls.put("GetKeyRotationStatus", c -> c.getKeyRotationStatus(r -> r.keyId(symmetric(c))));
        calls.put("RotateKeyOnDemand", c -> c.rotateKeyOnDemand(r -> r.keyId(symmetric(c))));
        calls.put("ListKeyRotations", c -> c.listKeyRotations(r -> r.keyId(symmetric(c))));
        calls.put("GetKeyPolicy", c -> c.getKeyPolicy(r -> r.keyId(symmetric(c))));
        calls.put("PutKeyPolicy", c -> {
            String key = symmetric(c);
            String policy = c.getKeyPolicy(r -> r.keyId(key)).policy();
            c.putKeyPolicy(r -> r.keyId(key).policy(policy));
        });
        calls.put("GetKeyLastUsage", c -> c.getKeyLastUsage(r -> r.keyId(symmetric(c))));
        calls.put("ListKeyPolicies", c -> c.listKeyPolicies(r -> r.keyId(symmetric(c))));
        calls.put("CreateGrant", c -> grant(c, symmetric(c)));
        calls.put("ListGrants", c -> c.listGrants(r -> r.keyId(symmetric(c))));
        calls.put("ListRetirableGrants", c -> c.listRetirableGrants(r -> r.retiringPrincipal(root())));
        calls.put("RetireGrant", c -> {
            String key = symmetric(c);
            String grantId = grant(c, key);
            c.retireGrant(r -> r.keyId(key).grantId(grantId));
        });
        calls.put("RevokeGrant", c -> {
            String key = symmetric(c);
            String grantId = grant(c, key);
            c.revokeGrant(r -> r.keyId(key).grantId(grantId));
        });
        calls.put("GetParametersForImport", c -> c.getParametersForImport(r -> r.keyId(external(c))
                .wrappingAlgorithm("RSAES_OAEP_SHA_256").wrappingKeySpec("RSA_2048")));
        calls.put("ImportKeyMaterial", c -> importMaterial(c, external(c)));
        calls.put("DeleteImportedKeyMaterial", c -> {
            String key = external(c);
            importMaterial(c, key);
            c.deleteImportedKeyMaterial(r -> r.keyId(key));
        });
        calls.put("ReplicateKey", c -> c.replicateKey(r -> r.keyId(multiRegion(c)).replicaRegion("eu-west-2")));
        calls.put("UpdatePrimaryRegion", c -> {
            String key = multiRegion(c);
            c.replicateKey(r -> r.keyId(key).replicaRegion("eu-west-2"));
            c.updatePrimaryRegion(r -> r.keyId(key).primaryRegion("eu-west-2"));
        });
        return calls;
    }

    private static int aliases;

    private static String alias() {
        return "alias/coverage-" + (++aliases);
    }

    private static String root() {
        return "arn:aws:iam::" + ACCOUNT + ":root";
    }

    private static String symmetric(KmsClient c) {
        return c.createKey(r -> { }).keyMetadata().keyId();
    }

    private static String signing(KmsClient c) {
        return c.createKey(r -> r.keySpec("ECC_NIST_P256").keyUsage("SIGN_VERIFY")).keyMetadata().keyId();
    }

    private static String hmac(KmsClient c) {
        return c.createKey(r -> r.keySpec("HMAC_256").keyUsage("GENERATE_VERIFY_MAC")).keyMetadata().keyId();
    }

    /** A new AWS CloudHSM key store (DISCONNECTED) on a new simulated cluster of its own (a cluster backs one store). */
    private static String customKeyStore(KmsClient c) {
        int n = clusters++;
        String suffix = ("coverage" + (char) ('a' + n / 26) + (char) ('a' + n % 26) + "xyz").substring(0, 13);
        var cluster = lab.cloudHsmClusters(ACCOUNT, "us-east-1").create("cluster-" + suffix, "kmsuser-password",
                "us-east-1a", "us-east-1b");
        return c.createCustomKeyStore(r -> r.customKeyStoreName("store-" + suffix).cloudHsmClusterId(
                cluster.clusterId()).trustAnchorCertificate(cluster.trustAnchorCertificate())
                .keyStorePassword("kmsuser-password")).customKeyStoreId();
    }

    private static String external(KmsClient c) {
        return c.createKey(r -> r.origin("EXTERNAL")).keyMetadata().keyId();
    }

    private static String multiRegion(KmsClient c) {
        return c.createKey(r -> r.multiRegion(true)).keyMetadata().keyId();
    }

    private static SdkBytes ciphertext(KmsClient c) {
        String key = symmetric(c);
        return c.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("x"))).ciphertextBlob();
    }

    private static String grant(KmsClient c, String key) {
        return c.createGrant(r -> r.keyId(key).granteePrincipal(root()).retiringPrincipal(root())
                .operationsWithStrings("Decrypt")).grantId();
    }

    private static void importMaterial(KmsClient c, String key) {
        var parameters = c.getParametersForImport(r -> r.keyId(key).wrappingAlgorithm("RSAES_OAEP_SHA_256")
                .wrappingKeySpec("RSA_2048"));
        try {
            PublicKey wrapping = KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(parameters.publicKey().asByteArray()));
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.ENCRYPT_MODE, wrapping, new OAEPParameterSpec("SHA-256", "MGF1",
                    MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            byte[] wrapped = oaep.doFinal(new byte[32]);
            c.importKeyMaterial(r -> r.keyId(key).importToken(parameters.importToken())
                    .encryptedKeyMaterial(SdkBytes.fromByteArray(wrapped))
                    .expirationModel("KEY_MATERIAL_DOES_NOT_EXPIRE"));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- enum values

    /**
     * Whether the lab serves a value of an enum of the model. Key specs, key usages, origins and the deprecated
     * CustomerMasterKeySpec are tried through the endpoint (CreateKey); the algorithms are served when a key spec the
     * lab simulates lists them; any other value is served when the engine's enum of the same name has it.
     */
    private static boolean served(String enumName, String value) {
        switch (enumName) {
            case "KeySpec":
                return engineConstant("KeySpec", value).isPresent() && creates(r -> r.keySpec(value)
                        .keyUsage(firstUsage(value)));
            case "CustomerMasterKeySpec":
                return engineConstant("KeySpec", value).isPresent() && createsAs(value);
            case "KeyUsageType":
                return engineConstant("KeyUsageType", value).isPresent() && Arrays.stream(
                        io.kmslab.keys.KeySpec.values()).filter(spec -> spec.allows(
                                io.kmslab.keys.KeyUsageType.valueOf(value)))
                        .anyMatch(spec -> creates(r -> r.keySpec(spec.name()).keyUsage(value)));
            case "OriginType":
                // AWS_CLOUDHSM keys need a connected key store: served when CreateKey makes one in such a store
                // EXTERNAL_KEY_STORE keys likewise need a connected external key store and an external key
                return value.equals("AWS_CLOUDHSM") ? createsInACloudHsmKeyStore()
                        : value.equals("EXTERNAL_KEY_STORE") ? createsInAnExternalKeyStore()
                        : creates(r -> r.origin(value));
            case "MessageType":
                // EXTERNAL_MU is a message type of ML-DSA keys only (AWS API_Sign, MessageType)
                return engineConstant(enumName, value).isPresent()
                        && (!value.equals("EXTERNAL_MU") || io.kmslab.keys.KeySpec.ML_DSA_44.isSimulated());
            case "KeyLastUsageTrackingOperation":
                // GetKeyLastUsage reports the operations it tracks: one is served when both are
                return Operations.named("GetKeyLastUsage").isPresent() && Operations.named(value).isPresent();
            case "DataKeyPairSpec":
                return engineConstant(enumName, value).map(spec -> ((io.kmslab.keys.DataKeyPairSpec) spec).keySpec()
                        .isSimulated()).orElse(false);
            case "SigningAlgorithmSpec":
                return simulatedSpecs().anyMatch(spec -> spec.signingAlgorithms(io.kmslab.keys.KeyUsageType
                        .SIGN_VERIFY).stream().anyMatch(a -> a.name().equals(value)));
            case "EncryptionAlgorithmSpec":
                return simulatedSpecs().anyMatch(spec -> spec.encryptionAlgorithms(io.kmslab.keys.KeyUsageType
                        .ENCRYPT_DECRYPT).stream().anyMatch(a -> a.name().equals(value)));
            case "CustomKeyStoreType":
                // AWS CloudHSM key stores and external key stores (XKS, PUBLIC_ENDPOINT connectivity) are simulated
                return engineConstant(enumName, value).isPresent();
            case "ConnectionErrorCodeType":
                // of the XKS_ codes, those the lab's XKS proxy and VPC endpoint services can cause
                // (ExternalKeyStoresTest, ExternalKeyStoreVpcTest), and a real proxy's timeout or TLS failure
                // (RealXksProxyTest, NamedXksProxiesTest)
                return engineConstant(enumName, value).isPresent() && (!value.startsWith("XKS_") || Set.of(
                        "XKS_PROXY_NOT_REACHABLE", "XKS_PROXY_INVALID_CONFIGURATION", "XKS_PROXY_INVALID_RESPONSE",
                        "XKS_PROXY_TIMED_OUT", "XKS_PROXY_INVALID_TLS_CONFIGURATION",
                        "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND", "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION")
                        .contains(value));
            case "XksProxyConnectivityType":
                // public endpoints, and VPC endpoint services as lab objects (SimulatedVpcEndpointService)
                return engineConstant(enumName, value).isPresent();
            default:
                return engineConstant(enumName, value).isPresent();
        }
    }

    private static boolean createsInACloudHsmKeyStore() {
        try {
            String store = customKeyStore(kms);
            kms.connectCustomKeyStore(r -> r.customKeyStoreId(store));
            lab.clock().advance(java.time.Duration.ofMinutes(20));   // AWS: connecting takes up to 20 minutes
            return kms.createKey(r -> r.origin("AWS_CLOUDHSM").customKeyStoreId(store)).keyMetadata()
                    .originAsString().equals("AWS_CLOUDHSM");
        } catch (KmsException refused) {
            return false;
        }
    }

    private static boolean createsInAnExternalKeyStore() {
        try {
            String secret = "K3mNn7QpRs4TuVw9XyZa2Bc5De8Fg1Hi6Jk0Lm3No7P";
            String host = "https://xks" + clusters++ + ".coverage.example.com";
            lab.xksProxies(ACCOUNT, "us-east-1").create(host, "/kms/xks/v1",
                    new io.kmslab.keystores.XksProxyCredential("ABCDEFGHIJKLMNOPQRST", secret)).addKey("coverage-key");
            String store = kms.createCustomKeyStore(r -> r.customKeyStoreName("xks-" + host)
                    .customKeyStoreType("EXTERNAL_KEY_STORE").xksProxyUriEndpoint(host)
                    .xksProxyUriPath("/kms/xks/v1").xksProxyConnectivity("PUBLIC_ENDPOINT")
                    .xksProxyAuthenticationCredential(c -> c.accessKeyId("ABCDEFGHIJKLMNOPQRST")
                            .rawSecretAccessKey(secret))).customKeyStoreId();
            kms.connectCustomKeyStore(r -> r.customKeyStoreId(store));
            lab.clock().advance(java.time.Duration.ofMinutes(20));   // AWS: connecting takes up to 20 minutes
            return kms.createKey(r -> r.origin("EXTERNAL_KEY_STORE").customKeyStoreId(store).xksKeyId("coverage-key"))
                    .keyMetadata().originAsString().equals("EXTERNAL_KEY_STORE");
        } catch (KmsException refused) {
            return false;
        }
    }

    private static java.util.stream.Stream<io.kmslab.keys.KeySpec> simulatedSpecs() {
        return Arrays.stream(io.kmslab.keys.KeySpec.values()).filter(io.kmslab.keys.KeySpec::isSimulated);
    }

    private static String firstUsage(String keySpec) {
        io.kmslab.keys.KeySpec spec = io.kmslab.keys.KeySpec.valueOf(keySpec);
        return Arrays.stream(io.kmslab.keys.KeyUsageType.values()).filter(spec::allows).findFirst().orElseThrow()
                .name();
    }

    /** CreateKey makes such a key in us-east-1, or else in cn-north-1 (for what only the China Regions offer). */
    private static boolean creates(Consumer<software.amazon.awssdk.services.kms.model.CreateKeyRequest.Builder> r) {
        for (KmsClient client : List.of(kms, china)) {
            try {
                client.createKey(r);
                return true;
            } catch (KmsException refused) {
                // the next Region
            }
        }
        return false;
    }

    /** CreateKey with only the deprecated CustomerMasterKeySpec makes a key of that spec. */
    private static boolean createsAs(String spec) {
        for (KmsClient client : List.of(kms, china)) {
            try {
                return client.createKey(r -> r.customerMasterKeySpec(spec).keyUsage(firstUsage(spec))).keyMetadata()
                        .keySpecAsString().equals(spec);
            } catch (KmsException refused) {
                // the next Region
            }
        }
        return false;
    }

    private static String mlKem(KmsClient c) {
        return c.createKey(r -> r.keySpec("ML_KEM_768").keyUsage("ENCAPSULATE_DECAPSULATE")).keyMetadata().keyId();
    }

    private static Optional<Object> engineConstant(String enumName, String value) {
        for (String pkg : List.of("io.kmslab.keys.", "io.kmslab.grants.", "io.kmslab.keystores.")) {
            try {
                Class<?> type = Class.forName(pkg + enumName);
                return Arrays.stream(type.getEnumConstants()).filter(c -> ((Enum<?>) c).name().equals(value))
                        .findFirst().map(Object.class::cast);
            } catch (ClassNotFoundException notHere) {
                // next package
            }
        }
        return Optional.empty();
    }

    @Test
    void everyEnumValueOfTheModel_isServedOrRefusedWithAReason_neverBoth() {
        Map<String, String> refused = refused(Kind.enum_value);
        Map<String, List<String>> enums = modelEnums();
        List<String> unexplained = new ArrayList<>();
        List<String> servedAndRefused = new ArrayList<>();
        enums.forEach((name, values) -> {
            for (String value : values) {
                boolean isRefused = refused.containsKey(name + ".*") || refused.containsKey(name + "." + value);
                boolean isServed = served(name, value);
                if (!isServed && !isRefused) {
                    unexplained.add(name + "." + value);
                }
                if (isServed && isRefused) {
                    servedAndRefused.add(name + "." + value);
                }
            }
        });
        assertThat(unexplained).as("enum values neither served nor refused").isEmpty();
        assertThat(servedAndRefused).as("enum values served yet listed as refused").isEmpty();
        for (String listed : refused.keySet()) {
            String name = listed.substring(0, listed.indexOf('.'));
            String value = listed.substring(listed.indexOf('.') + 1);
            assertThat(enums).as("refused enum the model does not have: " + listed).containsKey(name);
            if (!value.equals("*")) {
                assertThat(enums.get(name)).as("refused value the model does not have").contains(value);
            }
        }
    }

    // ---- errors

    /** The AWS error codes the engine raises: one per class of io.kmslab.errors. */
    private static Set<String> engineErrorCodes() {
        Set<String> codes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : ApiCoverage.classesOfPackageOf(io.kmslab.errors.KmsException.class)) {
            try {
                Class<?> type = Class.forName("io.kmslab.errors." + name);
                if (!io.kmslab.errors.KmsException.class.isAssignableFrom(type)
                        || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                Constructor<?> constructor = type.getDeclaredConstructors()[0];
                constructor.setAccessible(true);
                Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                        .map(p -> p == String.class ? "m" : p == int.class ? 0 : p == boolean.class ? false : null)
                        .toArray();
                codes.add(((io.kmslab.errors.KmsException) constructor.newInstance(arguments)).errorCode());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(name, e);
            }
        }
        return codes;
    }

    @Test
    void everyErrorOfTheModel_isRaisedByTheEngineOrRefusedWithAReason_neverBoth() {
        Map<String, String> refused = refused(Kind.error);
        Set<String> raised = engineErrorCodes();
        List<String> unexplained = new ArrayList<>();
        List<String> raisedAndRefused = new ArrayList<>();
        for (String error : modelErrors()) {
            boolean isRaised = raised.contains(error);
            if (!isRaised && !refused.containsKey(error)) {
                unexplained.add(error);
            }
            if (isRaised && refused.containsKey(error)) {
                raisedAndRefused.add(error);
            }
        }
        assertThat(unexplained).as("errors neither raised nor refused").isEmpty();
        assertThat(raisedAndRefused).as("errors raised yet listed as refused").isEmpty();
        assertThat(refused.keySet()).as("refused errors the model does not have").isSubsetOf(modelErrors());
    }

    // ---- the docs page

    @Test
    void docsPage_isTheRenderingOfTheModelAndTheRefusedList() throws Exception {
        String sdkVersion = Optional.ofNullable(KmsClient.class.getPackage().getImplementationVersion())
                .orElse(software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION);
        String page = ApiCoverage.render(modelOperations(), modelEnums(), modelErrors(), sdkVersion);
        Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("api-coverage.md");
        if (Boolean.getBoolean("kmslab.renderDocs")) {
            Files.writeString(docs, page, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : "")
                .as("docs/api-coverage.md is stale: run ApiCoverageTest with -Dkmslab.renderDocs=true")
                .isEqualTo(page);
    }
}
