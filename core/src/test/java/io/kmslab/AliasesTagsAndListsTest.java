package io.kmslab;

import static io.kmslab.KmsErrors.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.AliasListEntry;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DeleteAliasRequest;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.KeyListEntry;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.ListAliasesResponse;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.api.ListKeysResponse;
import io.kmslab.api.ListResourceTagsRequest;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.api.UntagResourceRequest;
import io.kmslab.api.UpdateAliasRequest;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.operations.Aliases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AliasesTagsAndListsTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms kms = lab.kms("eu-west-2");
    private final KeyMetadata key = TestLabs.symmetricKey(kms);

    /** ct-createalias.html, ct-updatealias.html, ct-deletealias.html: the alias and the key in resources. */
    @Test
    void aliasEvents_listTheAliasBesideItsKey_inTheOrderOfAwsExamples() {
        KeyMetadata other = TestLabs.symmetricKey(kms);
        String aliasArn = "arn:aws:kms:eu-west-2:111122223333:alias/my_alias";
        kms.createAlias(CreateAliasRequest.of("alias/my_alias", key.keyId()));
        kms.updateAlias(UpdateAliasRequest.of("alias/my_alias", other.keyId()));
        kms.deleteAlias(DeleteAliasRequest.of("alias/my_alias"));
        assertKmsError(() -> kms.deleteAlias(DeleteAliasRequest.of("alias/my_alias")), "NotFoundException",
                "Alias " + aliasArn + " is not found.");

        List<io.kmslab.audit.AuditEvent> events = lab.auditTrail().query(io.kmslab.audit.AuditQuery
                .account("111122223333")).stream().filter(e -> e.eventName().endsWith("Alias")).toList();
        assertThat(events).extracting(io.kmslab.audit.AuditEvent::eventName)
                .containsExactly("CreateAlias", "UpdateAlias", "DeleteAlias", "DeleteAlias");
        assertThat(events.get(0).resources()).extracting(r -> r.arn()).containsExactly(key.arn(), aliasArn);
        assertThat(events.get(1).resources()).extracting(r -> r.arn()).containsExactly(aliasArn, other.arn());
        assertThat(events.get(2).resources()).extracting(r -> r.arn()).containsExactly(aliasArn, other.arn());
        assertThat(events.get(2).resources()).extracting(r -> r.type()).containsOnly("AWS::KMS::Key");
        // a failed call lists what it reached, no alias
        assertThat(events.get(3).resources()).isNull();
        // the key's own history finds the alias events
        assertThat(lab.auditTrail().query(io.kmslab.audit.AuditQuery.account("111122223333")).stream()
                .filter(e -> e.concerns(other.arn()) && e.eventName().endsWith("Alias")).count()).isEqualTo(2);
    }

    @Test
    void createAlias_namesTheKey_andListAliasesShowsIt() {
        kms.createAlias(CreateAliasRequest.of("alias/tutorial", key.keyId()));

        assertThat(kms.describeKey(DescribeKeyRequest.of("alias/tutorial")).keyMetadata().keyId())
                .isEqualTo(key.keyId());
        AliasListEntry entry = kms.listAliases(ListAliasesRequest.builder().build()).aliases().get(0);
        assertThat(entry.aliasName()).isEqualTo("alias/tutorial");
        assertThat(entry.aliasArn()).isEqualTo("arn:aws:kms:eu-west-2:111122223333:alias/tutorial");
        assertThat(entry.targetKeyId()).isEqualTo(key.keyId());
        assertThat(entry.creationDate()).isEqualTo(TestLabs.START);
    }

    @Test
    void createAlias_rules() {
        kms.createAlias(CreateAliasRequest.of("alias/tutorial", key.keyId()));
        assertKmsError(() -> kms.createAlias(CreateAliasRequest.of("alias/tutorial", key.keyId())),
                "AlreadyExistsException",
                "An alias with the name arn:aws:kms:eu-west-2:111122223333:alias/tutorial already exists");
        assertKmsError(() -> kms.createAlias(CreateAliasRequest.of("tutorial", key.keyId())), "ValidationException",
                "Alias must start with the prefix \"alias/\". Please see "
                        + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        assertKmsError(() -> kms.createAlias(CreateAliasRequest.of("alias/aws/ebs", key.keyId())),
                "NotAuthorizedException", "");
        assertKmsError(() -> kms.createAlias(CreateAliasRequest.of("alias/my-alias!", key.keyId())),
                "ValidationException", "1 validation error detected: Value 'alias/my-alias!' at 'aliasName' failed "
                        + "to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        assertKmsError(() -> kms.createAlias(CreateAliasRequest.of("alias/other", "alias/tutorial")),
                "ValidationException", "Aliases must refer to keys. Not aliases");
        assertKmsError(() -> kms.createAlias(CreateAliasRequest.of("alias/x", null)), "ValidationException",
                "1 validation error detected: Value null at 'targetKeyId' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void updateAlias_movesTheAliasToANewKey_manualRotation() {
        kms.createAlias(CreateAliasRequest.of("alias/app", key.keyId()));
        KeyMetadata next = TestLabs.symmetricKey(kms);
        lab.clock().advance(Duration.ofDays(1));

        kms.updateAlias(UpdateAliasRequest.of("alias/app", next.keyId()));

        AliasListEntry entry = kms.listAliases(ListAliasesRequest.builder().build()).aliases().get(0);
        assertThat(entry.targetKeyId()).isEqualTo(next.keyId());
        assertThat(entry.lastUpdatedDate()).isEqualTo(TestLabs.START.plus(Duration.ofDays(1)));
        assertThat(entry.creationDate()).isEqualTo(TestLabs.START);
    }

    @Test
    void updateAlias_toAKeyOfAnotherTypeOrUsage_isValidationException() {
        kms.createAlias(CreateAliasRequest.of("alias/app", key.keyId()));
        KeyMetadata hmac = TestLabs.key(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        var error = assertKmsErrorCode(() -> kms.updateAlias(UpdateAliasRequest.of("alias/app", hmac.keyId())));
        assertThat(error).isEqualTo("ValidationException");
        assertKmsError(() -> kms.updateAlias(UpdateAliasRequest.of("alias/missing", key.keyId())),
                "NotFoundException", "Alias arn:aws:kms:eu-west-2:111122223333:alias/missing is not found.");
    }

    @Test
    void deleteAlias_removesOnlyTheAlias() {
        kms.createAlias(CreateAliasRequest.of("alias/app", key.keyId()));
        kms.deleteAlias(DeleteAliasRequest.of("alias/app"));

        assertThat(kms.listAliases(ListAliasesRequest.builder().build()).aliases()).isEmpty();
        assertThat(kms.describeKey(DescribeKeyRequest.of(key.keyId())).keyMetadata().keyId()).isEqualTo(key.keyId());
        assertKmsError(() -> kms.deleteAlias(DeleteAliasRequest.of("alias/app")), "NotFoundException",
                "Alias arn:aws:kms:eu-west-2:111122223333:alias/app is not found.");
    }

    @Test
    void listAliases_ofOneKey() {
        KeyMetadata other = TestLabs.symmetricKey(kms);
        kms.createAlias(CreateAliasRequest.of("alias/a", key.keyId()));
        kms.createAlias(CreateAliasRequest.of("alias/b", other.keyId()));
        assertThat(kms.listAliases(ListAliasesRequest.of(other.keyId())).aliases())
                .extracting(AliasListEntry::aliasName).containsExactly("alias/b");
    }

    @Test
    void listKeys_pagesWithLimitAndMarker() {
        IntStream.range(0, 6).forEach(i -> TestLabs.symmetricKey(kms));
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ListKeysResponse page = kms.listKeys(ListKeysRequest.builder().limit(3).marker(marker).build());
            page.keys().stream().map(KeyListEntry::keyId).forEach(seen::add);
            assertThat(page.truncated()).isEqualTo(page.nextMarker() != null);
            marker = page.nextMarker();
            pages++;
        } while (marker != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().contains(key.keyId());
        assertKmsError(() -> kms.listKeys(ListKeysRequest.builder().limit(0).build()), "ValidationException",
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 1");
        assertKmsError(() -> kms.listKeys(ListKeysRequest.builder().marker("not-a-marker").build()),
                "InvalidMarkerException", "The request was rejected because the marker that specifies where "
                        + "pagination should next begin is not valid.");
    }

    @Test
    void listAliases_pages() {
        for (int i = 0; i < 5; i++) {
            kms.createAlias(CreateAliasRequest.of("alias/n" + i, key.keyId()));
        }
        ListAliasesResponse first = kms.listAliases(ListAliasesRequest.builder().limit(2).build());
        ListAliasesResponse second = kms.listAliases(ListAliasesRequest.builder().limit(2)
                .marker(first.nextMarker()).build());
        assertThat(first.aliases()).extracting(AliasListEntry::aliasName).containsExactly("alias/n0", "alias/n1");
        assertThat(second.aliases()).extracting(AliasListEntry::aliasName).containsExactly("alias/n2", "alias/n3");
    }

    @Test
    void tags_addReplaceRemoveAndList() {
        kms.tagResource(TagResourceRequest.of(key.keyId(), List.of(Tag.of("team", "a"), Tag.of("env", "dev"))));
        kms.tagResource(TagResourceRequest.of(key.arn(), List.of(Tag.of("team", "b"))));
        kms.untagResource(UntagResourceRequest.of(key.keyId(), List.of("env", "never-there")));

        assertThat(kms.listResourceTags(ListResourceTagsRequest.of(key.keyId())).tags())
                .containsExactly(Tag.of("team", "b"));
    }

    @Test
    void tags_rules() {
        assertKmsError(() -> kms.tagResource(TagResourceRequest.of(key.keyId(), List.of(Tag.of("aws:x", "1")))),
                "TagException", "Tags beginning with aws: are reserved");
        assertKmsError(() -> kms.tagResource(TagResourceRequest.of(key.keyId(),
                List.of(Tag.of("k", "1"), Tag.of("k", "2")))), "TagException", "Duplicate tag keys");
        List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> Tag.of("k" + i, "v")).toList();
        assertKmsError(() -> kms.tagResource(TagResourceRequest.of(key.keyId(), fiftyOne)), "TagException",
                "Too many tags");
        String longKey = "k".repeat(129);
        assertKmsError(() -> kms.createKey(CreateKeyRequest.builder().tags(List.of(Tag.of(longKey, "v"))).build()),
                "ValidationException", "1 validation error detected: Value '" + longKey + "' at "
                        + "'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than "
                        + "or equal to 128");
        assertThat(kms.listResourceTags(ListResourceTagsRequest.of(key.keyId())).tags()).isEmpty();
    }

    private static String assertKmsErrorCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(io.kmslab.errors.KmsException.class);
        return ((io.kmslab.errors.KmsException) thrown).errorCode();
    }
}
