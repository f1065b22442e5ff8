package io.kmslab.server.endpoint;

import io.kmslab.Caller;
import java.util.Map;
import java.util.Optional;

/**
 * Who an access key id is. With no identities file every access key is the root of the default account and its
 * secret is not checked, so a new user can start at once; with one, unknown keys and wrong signatures are refused.
 */
public interface Identities {

    /** An access key's secret and principal. */
    record Identity(String secretAccessKey, Caller caller) {
        @Override
        public String toString() {
            return "Identity[" + caller.arn() + "]";
        }
    }

    /** The identity of an access key id, if known. */
    Optional<Identity> find(String accessKeyId);

    /** Whether signatures are verified (only when identities are declared). */
    boolean verifiesSignatures();

    /** Any access key is the root of the given account; signatures are not checked. */
    static Identities anyKeyIsRootOf(String accountId) {
        Caller root = Caller.root(accountId);
        return new Identities() {
            @Override
            public Optional<Identity> find(String accessKeyId) {
                return Optional.of(new Identity(null, root));
            }

            @Override
            public boolean verifiesSignatures() {
                return false;
            }
        };
    }

    /** Declared identities: access key id to secret and principal. */
    static Identities declared(Map<String, Identity> byAccessKey) {
        Map<String, Identity> copy = Map.copyOf(byAccessKey);
        return new Identities() {
            @Override
            public Optional<Identity> find(String accessKeyId) {
                return Optional.ofNullable(copy.get(accessKeyId));
            }

            @Override
            public boolean verifiesSignatures() {
                return true;
            }
        };
    }
}
