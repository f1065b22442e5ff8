package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.ListResourceTagsRequest;
import io.kmslab.api.PutKeyPolicyRequest;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.api.UpdateKeyDescriptionRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.errors.ValidationException;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Text that no UTF-8 request can carry (an unpaired UTF-16 surrogate) is refused in every member of every call. */
class WellFormedTextTest {
    private static final String LOW = "\udc00";
    private static final String HIGH = "\ud800";
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final KeyMetadata key = TestLabs.symmetricKey(kms);

    private void refused(ThrowingCallable call, String member) {
        long events = lab.auditTrail().size();
        assertThatThrownBy(call).isInstanceOf(ValidationException.class).hasMessage("1 validation error detected: "
                + "Value at '" + member + "' failed to satisfy constraint: Member must not contain an unpaired "
                + "UTF-16 surrogate");
        List<AuditEvent> all = lab.auditTrail().query(AuditQuery.account(kms.caller().accountId()));
        assertThat(lab.auditTrail().size()).as("the refused call is in the trail").isEqualTo(events + 1);
        assertThat(all.get(all.size() - 1).errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void everyTextMember_withAnUnpairedSurrogate_isRefusedNamingTheMember_andNothingChanges() {
        refused(() -> kms.createKey(CreateKeyRequest.builder().description("d" + LOW).build()), "description");
        refused(() -> kms.describeKey(DescribeKeyRequest.of(key.keyId() + HIGH)), "keyId");
        refused(() -> kms.updateKeyDescription(UpdateKeyDescriptionRequest.of(key.keyId(), HIGH + "x")),
                "description");
        refused(() -> kms.createAlias(CreateAliasRequest.of("alias/a" + LOW, key.keyId())), "aliasName");
        refused(() -> kms.tagResource(TagResourceRequest.of(key.keyId(), List.of(Tag.of("ok", "fine"),
                Tag.of("team", "x" + LOW)))), "tags.2.member.tagValue");
        refused(() -> kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(key.keyId()).numberOfBytes(32)
                .encryptionContext(Map.of("k" + HIGH, "v")).build()), "encryptionContext");
        refused(() -> kms.putKeyPolicy(PutKeyPolicyRequest.of(key.keyId(), Kms.defaultKeyPolicy("111122223333")
                .replace("Enable", "Enable" + LOW))), "policy");
        refused(() -> kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId())
                .granteePrincipal("arn:aws:iam::111122223333:root").operations(List.of(GrantOperation.Decrypt))
                .name("g" + LOW).build()), "name");
        refused(() -> kms.createGrant(CreateGrantRequest.builder().keyId(key.keyId())
                .granteePrincipal("arn:aws:iam::111122223333:root").operations(List.of(GrantOperation.Decrypt))
                .constraints(GrantConstraints.equalTo(Map.of("k", LOW))).build()),
                "constraints.encryptionContextEquals");

        assertThat(lab.keyLedger()).hasSize(1);
        assertThat(lab.aliases()).isEmpty();
        assertThat(kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().description())
                .isEqualTo("test key");
        assertThat(kms.listResourceTags(ListResourceTagsRequest.builder().keyId(key.keyId()).build()).tags())
                .isEmpty();
        assertThat(kms.listGrants(ListGrantsRequest.builder().keyId(key.keyId()).build()).grants()).isEmpty();
    }

    @Test
    void aSurrogatePair_isText_andAccepted() {
        kms.updateKeyDescription(UpdateKeyDescriptionRequest.of(key.keyId(), "smile \ud83d\ude00"));
        assertThat(kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().description())
                .isEqualTo("smile \ud83d\ude00");
    }
}
