package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.grants.GrantOperation;
import io.kmslab.quotas.QuotaClass;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operation catalogue: consistent with KmsApi, GrantOperation, and the hand-kept lists it replaced. */
class KmsOperationTest {

    private static Set<String> names(Predicate<KmsOperation> which) {
        return Arrays.stream(KmsOperation.values()).filter(which).map(KmsOperation::apiName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyOperation_hasTheKmsApiMethodOfItsRequestType_andEveryKmsApiMethodAnOperation() {
        Map<Class<?>, Method> byRequestType = new HashMap<>();
        for (Method method : KmsApi.class.getMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            assertThat(method.getParameterTypes()).as(method.getName()).hasSize(1);
            assertThat(byRequestType.put(method.getParameterTypes()[0], method))
                    .as("two KmsApi methods take " + method.getParameterTypes()[0]).isNull();
        }
        for (KmsOperation operation : KmsOperation.values()) {
            Method method = byRequestType.remove(operation.requestType());
            assertThat(method).as("the KmsApi method of " + operation).isNotNull();
            Class<?> returned = method.getReturnType() == void.class ? Void.class : method.getReturnType();
            assertThat(returned).as("response type of " + operation).isEqualTo(operation.responseType());
            assertThat(operation.requestType().getSimpleName()).isEqualTo(operation.apiName() + "Request");
        }
        assertThat(byRequestType).as("KmsApi methods without a catalogue entry").isEmpty();
    }

    @Test
    void invoke_callsTheKmsApiMethodOfTheOperation() {
        AtomicReference<Method> called = new AtomicReference<>();
        KmsApi recorder = (KmsApi) Proxy.newProxyInstance(KmsApi.class.getClassLoader(),
                new Class<?>[] {KmsApi.class}, (proxy, method, args) -> {
                    called.set(method);
                    return null;
                });
        for (KmsOperation operation : KmsOperation.values()) {
            called.set(null);
            operation.invoke(recorder, null);
            assertThat(called.get()).as(operation.apiName()).isNotNull();
            assertThat(called.get().getParameterTypes()).containsExactly(operation.requestType());
        }
    }

    @Test
    void named_findsEachOperationByItsApiName_andNothingElse() {
        for (KmsOperation operation : KmsOperation.values()) {
            assertThat(KmsOperation.named(operation.apiName())).contains(operation);
        }
        assertThat(KmsOperation.named("encrypt")).isEmpty();
        assertThat(KmsOperation.named("DeriveSharedSecret")).contains(KmsOperation.DeriveSharedSecret);
        assertThat(KmsOperation.named(null)).isEmpty();
    }

    @Test
    void iamActions_areKmsColonTheName_butReEncryptNeedsFromAndTo() {
        for (KmsOperation operation : KmsOperation.values()) {
            assertThat(operation.iamActions()).as(operation.apiName()).isEqualTo(operation == KmsOperation.ReEncrypt
                    ? List.of("kms:ReEncryptFrom", "kms:ReEncryptTo") : List.of("kms:" + operation.apiName()));
        }
    }

    @Test
    void everyGrantOperation_allowsExactlyOneOperation() {
        Map<GrantOperation, KmsOperation> allowed = new TreeMap<>();
        for (KmsOperation operation : KmsOperation.values()) {
            for (GrantOperation grant : operation.grantOperations()) {
                assertThat(allowed.put(grant, operation)).as(grant + " in two entries").isNull();
                // a grant operation is named as the IAM action it allows
                assertThat(operation.iamActions()).contains("kms:" + grant.name());
            }
        }
        assertThat(Arrays.stream(GrantOperation.values()).filter(g -> !allowed.containsKey(g))).isEmpty();
    }

    /*
     * The lists the catalogue replaced, as they were (AuditEvents.READ_ONLY and NO_RESPONSE_ELEMENTS,
     * RequestQuotas.CRYPTOGRAPHIC and PER_OPERATION, Kms.CROSS_ACCOUNT_ACTIONS, KmsEndpoint.ANSWERED_ON_IO_THREAD):
     * deriving them from the catalogue changed no behaviour.
     */

    /** The former lists, and GetParametersForImport, read-only and without response elements as AWS logs it. */
    @Test
    void readOnlyAndResponseNotLogged_areTheOperationsOfTheFormerAuditLists() {
        Set<String> former = new TreeSet<>(Set.of("GetParametersForImport", "Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey",
                "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
                "Sign", "Verify", "GenerateMac", "VerifyMac", "GenerateRandom", "DescribeKey", "GetPublicKey",
                "GetKeyPolicy", "GetKeyRotationStatus", "ListKeys", "ListAliases", "ListGrants",
                "ListRetirableGrants", "ListKeyPolicies", "ListResourceTags", "ListKeyRotations",
                // added after those lists: CloudTrail readOnly true, responseElements null (ct-getkeylastusage.html)
                "GetKeyLastUsage",

                // added with the custom key stores: it reads, and answers a list
                "DescribeCustomKeyStores",
                "DeriveSharedSecret"));
        assertThat(names(KmsOperation::readOnly)).isEqualTo(former);
        assertThat(names(operation -> !operation.responseLogged())).isEqualTo(former);
    }

    @Test
    void quotaClasses_areThoseOfTheFormerQuotaLists() {
        assertThat(names(operation -> operation.quota() == QuotaClass.CRYPTOGRAPHIC)).isEqualTo(new TreeSet<>(
                Set.of("Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
                        "GenerateMac", "VerifyMac", "GenerateRandom", "Sign", "Verify",
                        "DeriveSharedSecret")));
        assertThat(names(operation -> operation.quota() == QuotaClass.DATA_KEY_PAIR))
                .containsExactly("GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext");
        Map<String, Integer> own = Arrays.stream(KmsOperation.values())
                .filter(operation -> operation.quota().kind() == QuotaClass.Kind.OWN)
                .collect(Collectors.toMap(KmsOperation::apiName, operation -> operation.quota().perSecond()));
        assertThat(own).isEqualTo(Map.of("CreateKey", 5, "DescribeKey", 2000, "RotateKeyOnDemand", 5,
                "GetParametersForImport", 1,
                // GetPublicKey's own quota (requests-per-second.html: "GetPublicKey request rate | 2000"), no longer
                // counted in the RSA and ECC pools that page does not name it in
                "GetPublicKey", 2000));
    }

    @Test
    void crossAccountActions_areTheFormerSet_withDeriveSharedSecretNowAnOperation() {
        assertThat(KmsOperation.crossAccountActions()).containsExactlyInAnyOrder("kms:Encrypt", "kms:Decrypt",
                "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
                "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:Sign", "kms:Verify",
                "kms:GenerateMac", "kms:VerifyMac", "kms:DeriveSharedSecret", "kms:CreateGrant", "kms:DescribeKey",
                "kms:GetKeyRotationStatus", "kms:GetPublicKey", "kms:ListGrants", "kms:RetireGrant",
                "kms:RevokeGrant");
    }

    @Test
    void lightOperations_areTheFormerIoThreadList() {
        assertThat(names(KmsOperation::light)).isEqualTo(new TreeSet<>(Set.of("Encrypt", "Decrypt", "ReEncrypt",
                "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateMac", "VerifyMac", "GenerateRandom",
                "DescribeKey", "ListKeys", "ListAliases", "GetKeyRotationStatus", "ListResourceTags", "GetKeyPolicy",
                "ListKeyPolicies", "ListGrants")));
    }

    @Test
    void aLightOperation_isReadOnly() {
        // answered on the I/O thread because it writes no lab state: only a read-only operation can be
        assertThat(names(KmsOperation::light)).isSubsetOf(names(KmsOperation::readOnly));
    }

    @Test
    void theOperationsThatChangeTheLab_areTheWritesAndGetParametersForImport() {
        assertThat(names(KmsOperation::changesTheLab)).isEqualTo(new TreeSet<>(java.util.stream.Stream.concat(
                names(operation -> !operation.readOnly()).stream(), java.util.stream.Stream.of(
                        "GetParametersForImport")).toList()));
    }
}
