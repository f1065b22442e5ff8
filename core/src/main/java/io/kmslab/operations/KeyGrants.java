package io.kmslab.operations;

import static io.kmslab.operations.GrantTokens.grantIdOfToken;
import static io.kmslab.operations.GrantTokens.grantToken;
import static io.kmslab.operations.RequestValidation.MARKER;
import static io.kmslab.operations.RequestValidation.dryRun;
import static io.kmslab.operations.RequestValidation.validKeyId;

import io.kmslab.Caller;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateGrantResponse;
import io.kmslab.api.GrantListEntry;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.api.ListGrantsResponse;
import io.kmslab.api.ListRetirableGrantsRequest;
import io.kmslab.api.RetireGrantRequest;
import io.kmslab.api.RevokeGrantRequest;
import io.kmslab.errors.NotFoundException;
import io.kmslab.errors.ValidationException;
import io.kmslab.errors.Violations;
import io.kmslab.grants.Grant;
import io.kmslab.grants.GrantOperation;
import io.kmslab.keys.Arns;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The grants of keys: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant and RevokeGrant. */
public final class KeyGrants {
    private final OperationScope kms;

    public KeyGrants(OperationScope kms) {
        this.kms = kms;
    }

    /**
     * CreateGrant. A grant with the same Name and the same parameters as an existing one returns the existing grant
     * id (with a new token) instead of a second grant.
     */
    public CreateGrantResponse createGrant(CreateGrantRequest request) {
        Instant now = kms.now();
        validKeyId(request.keyId(), request.grantTokens())
                .required("granteePrincipal", request.granteePrincipal())
                .length("granteePrincipal", request.granteePrincipal(), 1, 256)
                .length("retiringPrincipal", request.retiringPrincipal(), 1, 256)
                .required("operations", request.operations().isEmpty() ? null : request.operations())
                .length("name", request.name(), 1, 256)
                .pattern("name", request.name(), Pattern.compile("^[a-zA-Z0-9:/_-]+$"))
                .grantConstraintContext("constraints.encryptionContextEquals",
                        request.constraints() == null ? null : request.constraints().encryptionContextEquals())
                .grantConstraintContext("constraints.encryptionContextSubset",
                        request.constraints() == null ? null : request.constraints().encryptionContextSubset())
                .throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "CreateGrant");
        Map<String, String> constrainedContext = request.constraints() == null ? Map.of()
                : Optional.ofNullable(request.constraints().encryptionContextEquals())
                        .orElse(Optional.ofNullable(request.constraints().encryptionContextSubset()).orElse(Map.of()));
        kms.check("kms:CreateGrant", key).context(constrainedContext)
                .keyValues("kms:GrantOperations", request.operations().stream().map(Enum::name).sorted().toList())
                .key("kms:GranteePrincipal", request.granteePrincipal())
                .key("kms:RetiringPrincipal", request.retiringPrincipal())
                .key("kms:GrantIsForAWSResource", kms.viaAwsService())
                .grants(GrantOperation.CreateGrant, request.grantTokens()).enforce();
        key.requireUsable();
        if (!kms.keyPolicies().validPrincipal(request.granteePrincipal())) {
            throw new ValidationException("Invalid GranteePrincipal: " + request.granteePrincipal());
        }
        if (request.retiringPrincipal() != null && !kms.keyPolicies().validPrincipal(request.retiringPrincipal())) {
            throw new ValidationException("Invalid RetiringPrincipal: " + request.retiringPrincipal());
        }
        if (request.constraints() != null) {
            for (GrantOperation op : request.operations()) {
                if (!op.takesEncryptionContext()) {
                    throw new ValidationException("Grant constraints are not supported for the " + op
                            + " operation: encryption context constraints apply only to operations that take an "
                            + "encryption context.");
                }
            }
        }
        Set<GrantOperation> operations = Set.copyOf(request.operations());
        if (request.name() != null) {
            for (Grant existing : key.grants()) {
                if (request.name().equals(existing.name()) && existing.granteePrincipal()
                        .equals(request.granteePrincipal()) && existing.operations().equals(operations)
                        && java.util.Objects.equals(existing.retiringPrincipal(), request.retiringPrincipal())
                        && java.util.Objects.equals(existing.constraints(), request.constraints())) {
                    dryRun(request.dryRun());
                    return new CreateGrantResponse(grantToken(kms.materials(), existing), existing.grantId());
                }
            }
        }
        dryRun(request.dryRun());
        Grant grant = new Grant(kms.materials().newMaterialId(), key.arn(), request.name(), now,
                now.plus(kms.grantPropagation()), request.granteePrincipal(), request.retiringPrincipal(),
                Arns.iamRoot(kms.caller().accountId()), operations, request.constraints());
        key.addGrant(grant);
        return new CreateGrantResponse(grantToken(kms.materials(), grant), grant.grantId());
    }

    public ListGrantsResponse listGrants(ListGrantsRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).range("limit", request.limit(), 1, 100)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .length("grantId", request.grantId(), 1, 128).length("granteePrincipal", request.granteePrincipal(),
                        1, 256)
                .throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "ListGrants");
        kms.check("kms:ListGrants", key).enforce();
        List<Grant> grants = key.grants().stream()
                .filter(g -> request.grantId() == null || g.grantId().equals(request.grantId()))
                .filter(g -> request.granteePrincipal() == null
                        || g.granteePrincipal().equals(request.granteePrincipal()))
                .toList();
        return grantPage(grants, request.limit(), request.marker());
    }

    /** ListRetirableGrants: the grants of the caller's account and region whose retiring principal is the given one. */
    public ListGrantsResponse listRetirableGrants(ListRetirableGrantsRequest request) {
        kms.now();
        new Violations().required("retiringPrincipal", request.retiringPrincipal())
                .length("retiringPrincipal", request.retiringPrincipal(), 1, 256)
                .range("limit", request.limit(), 1, 100)
                .length("marker", request.marker(), 1, 1024).pattern("marker", request.marker(), MARKER)
                .throwIfAny();
        kms.authorizeAccountAction("kms:ListRetirableGrants", Map.of());
        List<Grant> grants = kms.store().keys().stream().flatMap(k -> k.grants().stream())
                .filter(g -> request.retiringPrincipal().equals(g.retiringPrincipal())).toList();
        return grantPage(grants, request.limit(), request.marker());
    }

    private ListGrantsResponse grantPage(List<Grant> grants, Integer limit, String marker) {
        List<Grant> sorted = grants.stream()
                .sorted(java.util.Comparator.comparing(Grant::creationDate).thenComparing(Grant::grantId)).toList();
        Paging.Page<Grant> page = Paging.page(sorted, g -> g.creationDate() + "/" + g.grantId(), "grants", limit,
                marker, 50);
        // GrantListEntry.KeyId is the key ARN, whatever form of key id the request used: grant-view.html's example
        // calls "aws kms list-grants --key-id 1234abcd-..." and gets "KeyId": "arn:aws:kms:us-west-2:111122223333:
        // key/1234abcd-..." (fidelity set, ListGrants.json)
        return new ListGrantsResponse(page.items().stream().map(g -> new GrantListEntry(g.keyArn(), g.grantId(), g.name(),
                g.creationDate(), g.granteePrincipal(), g.retiringPrincipal(), g.issuingAccount(), g.operationList(),
                g.constraints())).toList(), page.nextMarker(), page.truncated());
    }

    /**
     * RetireGrant: by the retiring principal, by the grantee if the grant allows RetireGrant, or in the account that
     * created the grant; named by its token, or by KeyId (the key ARN) and GrantId.
     */
    public void retireGrant(RetireGrantRequest request) {
        kms.now();
        new Violations().length("grantToken", request.grantToken(), 1, 8192)
                .length("keyId", request.keyId(), 1, 2048).length("grantId", request.grantId(), 1, 128)
                .throwIfAny();
        String grantId;
        KmsKey key;
        if (request.grantToken() != null) {
            grantId = grantIdOfToken(request.grantToken());
            key = grantedKey(grantId).orElseThrow(() -> new NotFoundException("Grant " + grantId
                    + " does not exist"));
            // the event names the grant's key, as when it is named by KeyId (ct-retire-grant.html: its resources)
            kms.touched(key);
        } else {
            if (request.keyId() == null || request.grantId() == null) {
                throw new ValidationException("Either GrantToken, or both KeyId and GrantId, must be specified.");
            }
            grantId = request.grantId();
            key = kms.resolution().resolve(request.keyId(), false, "RetireGrant");
        }
        Grant grant = key.grants().stream().filter(g -> g.grantId().equals(grantId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Grant " + grantId + " does not exist"));
        Caller caller = kms.caller();
        boolean retiring = caller.principalArn().equals(grant.retiringPrincipal())
                || caller.arn().equals(grant.retiringPrincipal());
        boolean grantee = (caller.principalArn().equals(grant.granteePrincipal())
                || caller.arn().equals(grant.granteePrincipal()))
                && grant.operations().contains(GrantOperation.RetireGrant);
        boolean issuer = caller.isRoot()
                && grant.issuingAccount().equals(Arns.iamRoot(caller.accountId()));
        if (!retiring && !grantee && !issuer) {
            kms.check("kms:RetireGrant", key).enforce();
        }
        dryRun(request.dryRun());
        key.removeGrant(grantId);
        // ct-retire-grant.html: "additionalEventData": {"grantId": ...}, the request (a grant token, never logged)
        // leaving requestParameters null
        kms.eventData("grantId", grantId);
    }

    /** RevokeGrant: a principal allowed kms:RevokeGrant on the key deletes a grant. */
    public void revokeGrant(RevokeGrantRequest request) {
        kms.now();
        validKeyId(request.keyId(), null).required("grantId", request.grantId())
                .length("grantId", request.grantId(), 1, 128).throwIfAny();
        KmsKey key = kms.resolution().resolve(request.keyId(), false, "RevokeGrant");
        kms.check("kms:RevokeGrant", key).enforce();
        if (key.grants().stream().noneMatch(g -> g.grantId().equals(request.grantId()))) {
            throw new NotFoundException("Grant " + request.grantId() + " does not exist");
        }
        dryRun(request.dryRun());
        key.removeGrant(request.grantId());
    }

    private Optional<KmsKey> grantedKey(String grantId) {
        return kms.store().keys().stream().filter(k -> k.grants().stream().anyMatch(g -> g.grantId().equals(grantId)))
                .findFirst();
    }
}
