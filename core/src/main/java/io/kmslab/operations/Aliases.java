package io.kmslab.operations;

import static io.kmslab.operations.RequestValidation.ASCII;
import static io.kmslab.operations.RequestValidation.MARKER;
import static io.kmslab.operations.RequestValidation.validAliasName;

import io.kmslab.api.AliasListEntry;
import io.kmslab.api.CreateAliasRequest;
import io.kmslab.api.DeleteAliasRequest;
import io.kmslab.api.ListAliasesRequest;
import io.kmslab.api.ListAliasesResponse;
import io.kmslab.api.UpdateAliasRequest;
import io.kmslab.errors.AlreadyExistsException;
import io.kmslab.errors.NotAuthorizedException;
import io.kmslab.errors.ValidationException;
import io.kmslab.errors.Violations;
import io.kmslab.keys.Alias;
import io.kmslab.keys.Arns;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The aliases of the caller's account and Region: CreateAlias, UpdateAlias, DeleteAlias and ListAliases. */
public final class Aliases {
    private final OperationScope kms;

    public Aliases(OperationScope kms) {
        this.kms = kms;
    }

    /** CreateAlias: {@code alias/} + letters, digits, {@code /_-}; {@code alias/aws/} is reserved for AWS. */
    public void createAlias(CreateAliasRequest request) {
        Instant now = kms.now();
        validAliasName(request.aliasName()).required("targetKeyId", request.targetKeyId())
                .length("targetKeyId", request.targetKeyId(), 1, 2048).throwIfAny();
        String name = request.aliasName();
        checkAliasNameForCreation(name);
        KmsKey key = aliasTarget(request.targetKeyId(), "CreateAlias");
        kms.check("kms:CreateAlias", key).enforce();
        key.requireNotPendingDeletion();
        String aliasArn = Arns.aliasArn(kms.region(), kms.caller().accountId(), name);
        if (!kms.store().addAlias(new Alias(name, aliasArn, key.keyId(), now, now))) {
            throw new AlreadyExistsException("An alias with the name " + aliasArn + " already exists");
        }
        kms.namesAlias(aliasArn);
    }

    /**
     * UpdateAlias: the new key must be of the same type (symmetric, asymmetric or HMAC) and key usage as the current
     * one; this is how a manual rotation moves an alias to a new key.
     */
    public void updateAlias(UpdateAliasRequest request) {
        Instant now = kms.now();
        validAliasName(request.aliasName()).required("targetKeyId", request.targetKeyId())
                .length("targetKeyId", request.targetKeyId(), 1, 2048).throwIfAny();
        String name = request.aliasName();
        Alias alias = kms.store().alias(name).orElseThrow(() -> kms.resolution().aliasNotFound(name));
        kms.namesAlias(alias.aliasArn());
        KmsKey key = aliasTarget(request.targetKeyId(), "UpdateAlias");
        kms.check("kms:UpdateAlias", key).enforce();
        kms.store().key(alias.targetKeyId()).ifPresent(current -> kms.check("kms:UpdateAlias", current).enforce());
        key.requireNotPendingDeletion();
        kms.store().key(alias.targetKeyId()).ifPresent(current -> {
            if (keyType(current) != keyType(key) || current.keyUsage() != key.keyUsage()) {
                throw new ValidationException("Alias " + alias.aliasArn() + " cannot be changed from a key of type "
                        + keyType(current) + " and usage " + current.keyUsage() + " to a key of type "
                        + keyType(key) + " and usage " + key.keyUsage()
                        + ": the current and new KMS key must be the same type and have the same key usage.");
            }
        });
        kms.store().replaceAlias(alias.retarget(key.keyId(), now));
    }

    public void deleteAlias(DeleteAliasRequest request) {
        kms.now();
        validAliasName(request.aliasName()).throwIfAny();
        Alias alias = kms.store().alias(request.aliasName())
                .orElseThrow(() -> kms.resolution().aliasNotFound(request.aliasName()));
        kms.namesAlias(alias.aliasArn());
        kms.store().key(alias.targetKeyId()).ifPresent(key -> {
            // the event lists the key the alias named (ct-deletealias.html: the alias, then the key)
            kms.touched(key);
            kms.check("kms:DeleteAlias", key).enforce();
        });
        if (!kms.store().removeAlias(request.aliasName())) {
            throw kms.resolution().aliasNotFound(request.aliasName());
        }
    }

    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        kms.now();
        Violations violations = new Violations();
        if (request.keyId() != null) {
            violations.length("keyId", request.keyId(), 1, 2048).pattern("keyId", request.keyId(), ASCII);
        }
        violations.range("limit", request.limit(), 1, 100)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        kms.authorizeAccountAction("kms:ListAliases", Map.of());
        List<Alias> aliases = kms.store().aliases();
        if (request.keyId() != null) {
            String keyId = kms.resolution().resolve(request.keyId(), false, "ListAliases").keyId();
            aliases = aliases.stream().filter(a -> a.targetKeyId().equals(keyId)).toList();
        }
        Paging.Page<Alias> page = Paging.page(aliases, Alias::aliasName, "aliases", request.limit(),
                request.marker(), 50);
        return new ListAliasesResponse(page.items().stream().map(a -> new AliasListEntry(a.aliasName(),
                a.aliasArn(), a.targetKeyId(), a.creationDate(), a.lastUpdatedDate())).toList(),
                page.nextMarker(), page.truncated());
    }

    private KmsKey aliasTarget(String targetKeyId, String action) {
        if (targetKeyId.startsWith("alias/") || Arns.isAliasArn(targetKeyId)) {
            throw new ValidationException("Aliases must refer to keys. Not aliases");
        }
        return kms.resolution().resolve(targetKeyId, false, action);
    }

    private static String keyType(KmsKey key) {
        if (key.keySpec().isSymmetric()) {
            return "SYMMETRIC";
        }
        return key.keySpec().isHmac() ? "HMAC" : "ASYMMETRIC";
    }

    private void checkAliasNameForCreation(String name) {
        if (!name.startsWith("alias/")) {
            throw new ValidationException("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (name.startsWith("alias/aws/")) {
            throw new NotAuthorizedException("");
        }
        if (name.equals("alias/") || name.contains(":")) {
            throw new ValidationException(name + " contains invalid characters for an alias");
        }
    }
}
