package io.kmslab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.Scenario;
import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsApi;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.DescribeKeyRequest;
import io.kmslab.api.EncryptResponse;
import io.kmslab.api.KeyMetadata;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.Arns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one scenario knows: the lab and its clock, where the learner stands (account and region), the keys named in the
 * scenario, the last ciphertext and the outcome of the last request. PicoContainer gives every step class of a
 * scenario the same instance, and a fresh one to the next scenario.
 */
public final class LabWorld {
    /** Where a scenario stands unless it says otherwise. */
    public static final String HOME_REGION = "eu-west-2";
    public static final String THE_KEY = "the key";

    private static final boolean VIA_ENDPOINT = "endpoint".equals(System.getProperty("kmslab.scenarios.target"));

    private static final Instant DEFAULT_START = Instant.parse("2026-01-20T00:00:00Z");
    private static final Pattern PLACEHOLDER = Pattern.compile("<([^<>]+)>");
    private static final Pattern NAMED_KEY_PART = Pattern.compile("(key [A-Z]) (ARN|id)");

    private Instant start = DEFAULT_START;
    private boolean requestQuotas;
    private KmsLab lab;
    private ScenarioEndpoint endpoint;
    private String region = HOME_REGION;
    private String account = KmsLab.DEFAULT_ACCOUNT;
    private final Map<String, KeyMetadata> keys = new LinkedHashMap<>();
    private final List<java.net.URI> xksProxies = new ArrayList<>();

    private byte[] ciphertext;
    private byte[] plaintext;
    private EncryptResponse encrypted;
    private DecryptResponse decrypted;

    private KmsException error;
    private boolean errorChecked;
    private boolean requested;

    private Scenario scenario;
    private final List<Function<String, String>> placeholderSources = new ArrayList<>();

    // ------------------------------------------------------------------------------------------ the report

    public void scenario(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Adds a text for the learner to the scenario in the reports. */
    public void log(String text) {
        if (scenario != null) {
            scenario.log(text);
        }
    }

    // ------------------------------------------------------------------------------------------ the lab and time

    /** Sets the lab's starting time; only before the lab is first used. */
    public void startAt(Instant instant) {
        if (lab != null) {
            throw new IllegalStateException("The lab already runs since " + start + "; state the date first");
        }
        start = instant;
    }

    /** Makes the lab enforce the request quotas of KMS (off by default); only before the lab is first used. */
    public void enforceRequestQuotas() {
        if (lab != null) {
            throw new IllegalStateException("The lab already runs without request quotas; turn them on first");
        }
        requestQuotas = true;
    }

    /** Names a real XKS proxy the lab may call (kmslab serve --xks-proxy); only before the lab is first used. */
    public void nameXksProxy(java.net.URI url) {
        if (lab != null) {
            throw new IllegalStateException("The lab already runs; name its XKS proxies first");
        }
        xksProxies.add(url);
    }

    public KmsLab lab() {
        if (lab == null) {
            KmsLab.Builder builder = KmsLab.builder().startingAt(start).requestQuotas(requestQuotas);
            xksProxies.forEach(builder::xksProxy);
            lab = builder.build();
        }
        return lab;
    }

    public Instant now() {
        return lab().time().instant();
    }

    // ------------------------------------------------------------------------------------------ where we stand

    public void standIn(String account, String region) {
        this.account = account;
        this.region = region;
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    /** The KMS of the current region, as the root of the current account. */
    public KmsApi kms() {
        return kms(Caller.root(account), region);
    }

    public KmsApi kms(String otherRegion) {
        return kms(Caller.root(account), otherRegion);
    }

    public KmsApi kms(String otherAccount, String otherRegion) {
        return kms(Caller.root(otherAccount), otherRegion);
    }

    /** The KMS of the Region and account a named key lives in, as the root of that account. */
    public KmsApi kmsOf(String name) {
        Arns.KmsArn arn = Arns.parse(key(name).arn()).orElseThrow();
        return kms(arn.account(), arn.region());
    }

    /**
     * The KMS of a Region as a caller: the engine itself, or with {@code -Dkmslab.scenarios.target=endpoint} the AWS
     * SDK calling a KMS endpoint that serves this same lab.
     */
    public KmsApi kms(Caller caller, String otherRegion) {
        if (!VIA_ENDPOINT) {
            return lab().kms(caller, otherRegion);
        }
        if (endpoint == null) {
            endpoint = new ScenarioEndpoint(lab());
        }
        return endpoint.kms(caller, otherRegion);
    }

    /**
     * The engine's KMS of the current region as the root of the current account, for what only the engine offers:
     * lab-side setup such as an AWS managed key that a service creates (usable over the wire afterwards), and what no
     * client can say over the wire (requests through an AWS service, from a chosen IP address), which only scenarios
     * tagged {@code @in-process} use.
     */
    public Kms engine() {
        return lab().kms(account, region);
    }

    /** Whether the scenarios call KMS through the AWS SDK and an endpoint rather than in-process. */
    public static boolean viaEndpoint() {
        return VIA_ENDPOINT;
    }

    /** Stops the scenario's endpoint, if it started one. */
    public void close() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    // ------------------------------------------------------------------------------------------ named keys

    /** Creates a key in the current region and account and remembers it by name ("the key", "key A"). */
    public KeyMetadata createKey(String name, CreateKeyRequest request) {
        KeyMetadata key = kms().createKey(request).keyMetadata();
        keys.put(name, key);
        return key;
    }

    public void remember(String name, KeyMetadata key) {
        keys.put(name, key);
    }

    /** The key as it was when created (identity, spec, usage). */
    public KeyMetadata key(String name) {
        KeyMetadata key = keys.get(name);
        if (key == null) {
            throw new IllegalStateException("No key called '" + name + "' in this scenario; known: " + keys.keySet());
        }
        return key;
    }

    /** The key as DescribeKey shows it now, asked in the key's own region and account. */
    public KeyMetadata describe(String name) {
        return kmsOf(name).describeKey(DescribeKeyRequest.of(key(name).arn())).keyMetadata();
    }

    // ------------------------------------------------------------------------------------------ data

    public void ciphertext(byte[] blob) {
        ciphertext = blob;
    }

    public byte[] ciphertext() {
        assertThat(ciphertext).as("a ciphertext made earlier in the scenario").isNotNull();
        return ciphertext;
    }

    public void plaintext(byte[] bytes) {
        plaintext = bytes;
    }

    public byte[] plaintext() {
        requireSuccess();
        assertThat(plaintext).as("a plaintext returned by KMS").isNotNull();
        return plaintext;
    }

    /** Keeps what Encrypt answered; its ciphertext becomes "the ciphertext". */
    public void encrypted(EncryptResponse response) {
        if (response != null) {
            encrypted = response;
            ciphertext = response.ciphertextBlob();
        }
    }

    public EncryptResponse encrypted() {
        requireSuccess();
        assertThat(encrypted).as("an Encrypt response").isNotNull();
        return encrypted;
    }

    /** Keeps what Decrypt answered; its plaintext becomes "the plaintext". */
    public void decrypted(DecryptResponse response) {
        if (response != null) {
            decrypted = response;
            plaintext = response.plaintext();
        }
    }

    public DecryptResponse decrypted() {
        requireSuccess();
        assertThat(decrypted).as("a Decrypt response").isNotNull();
        return decrypted;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------ requests and errors

    /**
     * Makes a request whose outcome a later step checks: a KMS error is kept, not thrown. Anything else (a bug in a
     * step, an assertion) still fails the step.
     */
    public <T> T attempt(Supplier<T> request) {
        KmsException unchecked = uncheckedError();
        if (unchecked != null) {
            throw new AssertionError("An earlier request failed and no step checked it: " + unchecked, unchecked);
        }
        error = null;
        errorChecked = false;
        requested = true;
        plaintext = null;
        encrypted = null;
        decrypted = null;
        try {
            return request.get();
        } catch (KmsException e) {
            error = e;
            return null;
        }
    }

    public void attempt(Runnable request) {
        attempt(() -> {
            request.run();
            return null;
        });
    }

    /** The error of the last request; a step that calls this has checked it. */
    public KmsException error() {
        assertThat(requested).as("a request was made").isTrue();
        assertThat(error).as("the last request should have failed, but it succeeded").isNotNull();
        errorChecked = true;
        return error;
    }

    /**
     * Fails if the last request failed and no step expected it: a step that reads a response or the state calls this
     * first.
     */
    public void requireSuccess() {
        if (error != null && !errorChecked) {
            throw new AssertionError("The last request failed with " + error.errorCode() + ": " + error.getMessage(),
                    error);
        }
    }

    /** An error that no step looked at (the scenario would otherwise pass without noticing it). */
    public KmsException uncheckedError() {
        return errorChecked ? null : error;
    }

    // ------------------------------------------------------------------------------------------ placeholders

    /**
     * Replaces placeholders in an expected text: {@code <key ARN>} and {@code <key id>} (the key called "the key"),
     * {@code <key B ARN>} and {@code <key B id>}, {@code <alias/name ARN>} (in the current region and account),
     * {@code <region>} and {@code <account>}.
     */
    public String expand(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolvePlaceholder(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Lets another world object of the scenario resolve more placeholders (such as {@code <alice ARN>}); the source
     * answers null for a name it does not know.
     */
    public void placeholders(Function<String, String> source) {
        placeholderSources.add(source);
    }

    private String resolvePlaceholder(String name) {
        switch (name) {
            case "key ARN":
                return key(THE_KEY).arn();
            case "key id":
                return key(THE_KEY).keyId();
            case "region":
                return region;
            case "account":
                return account;
            default:
                break;
        }
        Matcher named = NAMED_KEY_PART.matcher(name);
        if (named.matches()) {
            KeyMetadata key = key(named.group(1));
            return named.group(2).equals("ARN") ? key.arn() : key.keyId();
        }
        if (name.startsWith("alias/") && name.endsWith(" ARN")) {
            String alias = name.substring(0, name.length() - " ARN".length());
            return "arn:aws:kms:" + region + ":" + account + ":" + alias;
        }
        for (Function<String, String> source : placeholderSources) {
            String value = source.apply(name);
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown placeholder <" + name + ">");
    }
}
