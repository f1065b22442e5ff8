package io.kmslab.operations;


import io.kmslab.Caller;
import io.kmslab.crypto.SymmetricCiphertext;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.InvalidArnException;
import io.kmslab.errors.InvalidCiphertextException;
import io.kmslab.errors.NotFoundException;
import io.kmslab.keys.Alias;
import io.kmslab.keys.Arns;
import io.kmslab.policy.AccessDeniedMessage;
import io.kmslab.policy.PolicyDecision;
import java.util.Optional;

/**
 * The key a request names, found as KMS finds it for one caller in one Region: by key id, key ARN, alias name or alias
 * ARN, or by the key ARN inside a symmetric ciphertext; each key found is recorded for the call's audit event.
 */
public final class KeyResolution {
    /**
     * Whether a string has the form of a key id: a UUID ({@code 8-4-4-4-12} hexadecimal digits, either case) or
     * {@code mrk-} and 32 hexadecimal digits (a multi-Region key). Checked by hand, not with a regular expression:
     * every call that names a key goes through here (the Encrypt path is measured: docs/performance.md).
     */
    static boolean isKeyId(String s) {
        if (s.length() != 36) {
            return false;
        }
        boolean multiRegion = s.startsWith("mrk-");
        for (int i = multiRegion ? 4 : 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = !multiRegion && (i == 8 || i == 13 || i == 18 || i == 23);
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private final OperationScope call;
    private final Caller caller;
    private final String region;
    private final RegionalKeys store;

    public KeyResolution(OperationScope call, Caller caller, String region, RegionalKeys store) {
        this.call = call;
        this.caller = caller;
        this.region = region;
        this.store = store;
    }

    /**
     * Finds the key a request names: a key id, a key ARN, and where {@code aliases} is true an alias name or alias
     * ARN. The errors are those AWS gives for each form.
     */
    public KmsKey resolve(String keyId, boolean aliases, String action) {
        if (keyId.startsWith("arn:")) {
            Arns.KmsArn arn = Arns.parse(keyId).orElseThrow(() -> new NotFoundException("Invalid arn " + keyId));
            if (arn.isAlias() && !aliases) {
                throw new InvalidArnException("Key Aliases are not supported for this operation.");
            }
            if (!arn.region().equals(region)) {
                throw new NotFoundException("Invalid arn " + arn.region());
            }
            if (!arn.isAlias() && !isKeyId(arn.resourceId())) {
                throw new NotFoundException("Invalid keyId " + arn.resourceId());
            }
            if (!arn.account().equals(caller.accountId())) {
                return otherAccountKey(arn, action);
            }
            return arn.isAlias() ? aliasedKey(arn.aliasName()) : keyById(arn.resourceId());
        }
        if (keyId.startsWith("alias/")) {
            if (!aliases) {
                throw new InvalidArnException("Key Aliases are not supported for this operation.");
            }
            return aliasedKey(keyId);
        }
        if (!isKeyId(keyId)) {
            throw new NotFoundException("Invalid keyId '" + keyId + "'");
        }
        return keyById(keyId);
    }

    private KmsKey keyById(String keyId) {
        KmsKey key = store.key(keyId.toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> new NotFoundException(
                "Key '" + Arns.keyArn(region, caller.accountId(), keyId) + "' does not exist"));
        call.touched(key);
        return key;
    }

    private KmsKey aliasedKey(String aliasName) {
        Alias alias = store.alias(aliasName).orElseThrow(() -> aliasNotFound(aliasName));
        return keyById(alias.targetKeyId());
    }

    NotFoundException aliasNotFound(String aliasName) {
        return new NotFoundException("Alias " + Arns.aliasArn(region, caller.accountId(), aliasName)
                + " is not found.");
    }

    /**
     * A key of another account, named by its key ARN or alias ARN (a key id alone always means the caller's own
     * account). Whether the caller may use it is for the owner's key policy and the caller's IAM policies to decide;
     * a key that does not exist there is denied like one the caller may not use, so existence does not leak.
     */
    private KmsKey otherAccountKey(Arns.KmsArn arn, String action) {
        Optional<RegionalKeys> owner = call.existingStore(arn.account(), region);
        Optional<KmsKey> key;
        String resource;
        if (arn.isAlias()) {
            resource = Arns.aliasArn(arn.region(), arn.account(), arn.aliasName());
            key = owner.flatMap(s -> s.alias(arn.aliasName())).flatMap(a -> owner.get().key(a.targetKeyId()));
        } else {
            resource = Arns.keyArn(arn.region(), arn.account(), arn.resourceId());
            key = owner.flatMap(s -> s.key(arn.resourceId().toLowerCase(java.util.Locale.ROOT)));
        }
        key.ifPresent(call::touched);
        return key.orElseThrow(() -> accessDenied(action, resource));
    }

    private AccessDeniedException accessDenied(String action, String resource) {
        return new AccessDeniedException(AccessDeniedMessage.of(caller.arn(), "kms:" + action, resource,
                PolicyDecision.Rule.NO_KEY_POLICY_ALLOWS));
    }

    /**
     * The key a symmetric ciphertext names. A key that does not exist, is in another region, or is not the caller's
     * to use is one answer, as in AWS: the ciphertext refers to a key that cannot be used here.
     */
    KmsKey ciphertextKey(SymmetricCiphertext parsed, String action) {
        String ownPrefix = Arns.keyArn(region, caller.accountId(), "");
        if (parsed.keyArn().startsWith(ownPrefix)) {
            // the usual case, without parsing: a ciphertext of this account and Region
            Optional<KmsKey> own = store.key(parsed.keyArn().substring(ownPrefix.length()));
            if (own.isPresent()) {
                call.touched(own.get());
                return own.get();
            }
        }
        Arns.KmsArn arn = Arns.parse(parsed.keyArn()).orElseThrow(() -> new InvalidCiphertextException(""));
        if (arn.isAlias() || !isKeyId(arn.resourceId())) {
            throw new InvalidCiphertextException("");
        }
        if (arn.region().equals(region) || arn.resourceId().startsWith("mrk-")) {
            // a multi-Region key's ciphertext decrypts with any related key: same key id, same material
            Optional<KmsKey> key = call.existingStore(arn.account(), region).flatMap(s -> s.key(arn.resourceId()))
                    .filter(k -> arn.region().equals(region) || k.multiRegion());
            if (key.isPresent()) {
                call.touched(key.get());
                return key.get();
            }
        }
        throw ciphertextKeyUnusable();
    }

    static AccessDeniedException ciphertextKeyUnusable() {
        return new AccessDeniedException("The ciphertext refers to a customer master key that does not exist, "
                + "does not exist in this region, or you are not allowed to access.");
    }
}
