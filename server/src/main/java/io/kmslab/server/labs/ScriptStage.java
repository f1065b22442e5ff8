package io.kmslab.server.labs;

import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.server.endpoint.Identities;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The lab a script lab's checker builds before it runs {@code run.sh}: a fresh, seeded {@link KmsLab} with the keys,
 * roles and data the brief describes; the callers the script acts as, each with an access key of its own; the
 * variables the script is given; and the files put beside it.
 *
 * <p>The script's default credentials ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}) are those of the
 * caller named {@link #DEFAULT}; another caller named {@code WORKER} gets {@code WORKER_ACCESS_KEY_ID} and
 * {@code WORKER_SECRET_ACCESS_KEY}.
 */
public final class ScriptStage {
    /** The name of the caller whose credentials are the script's own. */
    public static final String DEFAULT = "";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** One caller the script can act as, with its access key. */
    record Profile(String name, Caller caller, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Profile[" + (name.isEmpty() ? "default" : name) + " -> " + caller.arn() + "]";
        }
    }

    private final KmsLab lab;
    private final String region;
    private final Map<String, Profile> profiles = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Object> kept = new LinkedHashMap<>();

    /** A stage over a lab whose script calls {@code region} unless it names another. */
    public ScriptStage(KmsLab lab, String region) {
        this.lab = lab;
        this.region = region;
    }

    /** The script's own credentials are this caller's. */
    public ScriptStage actingAs(Caller caller) {
        return withCaller(DEFAULT, caller);
    }

    /** {@code NAME_ACCESS_KEY_ID} and {@code NAME_SECRET_ACCESS_KEY} are this caller's credentials. */
    public ScriptStage withCaller(String name, Caller caller) {
        String accessKeyId = String.format("AKIALAB%s%013d", name.isEmpty() ? "DEFAULT" : name, profiles.size() + 1);
        profiles.put(name, new Profile(name, caller, accessKeyId, secret()));
        return this;
    }

    /** A variable the script reads ({@code KEY_ARN}). */
    public ScriptStage withVariable(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A file put beside run.sh before it runs (its data: a ciphertext, a CloudTrail export). */
    public ScriptStage withFile(String name, byte[] content) {
        files.put(name, content.clone());
        return this;
    }

    /** Something the checker keeps for grading and the script is not given (a key's ARN, a ciphertext). */
    public ScriptStage keep(String name, Object value) {
        kept.put(name, value);
        return this;
    }

    /** What the checker kept under that name. */
    public <T> T kept(String name, Class<T> type) {
        Object value = kept.get(name);
        if (value == null) {
            throw new NoSuchElementException("nothing kept as " + name + " on this stage");
        }
        return type.cast(value);
    }

    public KmsLab lab() {
        return lab;
    }

    public String region() {
        return region;
    }

    /** The caller of that name ({@link #DEFAULT} for the script's own). */
    public Caller caller(String name) {
        Profile profile = profiles.get(name);
        if (profile == null) {
            throw new NoSuchElementException("no caller named '" + name + "' on this stage");
        }
        return profile.caller();
    }

    /** A variable given to the script. */
    public String variable(String name) {
        String value = env.get(name);
        if (value == null) {
            throw new NoSuchElementException("no variable " + name + " on this stage");
        }
        return value;
    }

    /** A file put beside the script. */
    public byte[] file(String name) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new NoSuchElementException("no file " + name + " on this stage");
        }
        return content.clone();
    }

    Map<String, byte[]> files() {
        return files;
    }

    /** What the endpoint knows of each access key. */
    Identities identities() {
        Map<String, Identities.Identity> byAccessKey = new LinkedHashMap<>();
        profiles.values().forEach(p -> byAccessKey.put(p.accessKeyId(),
                new Identities.Identity(p.secretAccessKey(), p.caller())));
        return Identities.declared(byAccessKey);
    }

    /** The variables of the script: its credentials, the other callers', the Region, the endpoint, the lab's. */
    Map<String, String> environment(String endpointUrl) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Profile p : profiles.values()) {
            String prefix = p.name().isEmpty() ? "AWS_" : p.name() + "_";
            all.put(prefix + "ACCESS_KEY_ID", p.accessKeyId());
            all.put(prefix + "SECRET_ACCESS_KEY", p.secretAccessKey());
        }
        all.put("AWS_DEFAULT_REGION", region);
        all.put("AWS_REGION", region);
        all.put("AWS_ENDPOINT_URL", endpointUrl);
        all.put("AWS_ENDPOINT_URL_KMS", endpointUrl);
        all.putAll(env);
        return all;
    }

    private static String secret() {
        StringBuilder s = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            s.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "ScriptStage[" + region + ", " + profiles.values() + "]";
    }
}
