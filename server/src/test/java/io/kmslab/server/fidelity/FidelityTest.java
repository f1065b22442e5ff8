package io.kmslab.server.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kmslab.Caller;
import io.kmslab.Json;
import io.kmslab.KmsLab;
import io.kmslab.server.endpoint.Operations;
import io.kmslab.server.fidelity.FidelityTarget.Answer;
import io.kmslab.server.fidelity.FidelityTarget.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fidelity set: request/response pairs for each operation's success and its documented errors, written from the
 * AWS KMS API reference (cases/*.json), each run against the engine (in-process, the endpoint's JSON reading and
 * writing without HTTP) and against the endpoint (HTTP, signed with SigV4 by the AWS SDK's signer). A completeness
 * check holds the set against the errors the service model declares: each is covered by a case or explained in
 * explained.txt. docs/fidelity.md says how to add a case.
 */
class FidelityTest {
    private static final Instant LAB_START = Instant.parse("2026-03-02T10:00:00Z");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    /** {@code ${bytes:N}}: the base64 of N bytes (for size limits). */
    private static final Pattern BYTES = Pattern.compile("bytes:(\\d+)");
    /**
     * {@code ${wrap:SHA_1|SHA_256:<name.PublicKey>:N:c}}: N bytes of the character c, wrapped with RSAES-OAEP (SHA-1 or
     * SHA-256, MGF1 of the same hash) under the public key captured at the path, as ImportKeyMaterial expects them.
     */
    private static final Pattern WRAP = Pattern.compile("wrap:(SHA_1|SHA_256):([^:]+):(\\d+):(.)");

    private static final List<FidelityCase> CASES = FidelitySet.cases();
    private static final List<FidelityTarget> TARGETS = new ArrayList<>();

    @BeforeAll
    static void start() {
        TARGETS.add(target(EngineTarget::new));
        TARGETS.add(target(EndpointTarget::new));
    }

    /** A fresh lab with its two callers, served by a target. */
    private static FidelityTarget target(BiFunction<KmsLab, Map<Principal, Caller>, FidelityTarget> maker) {
        KmsLab lab = KmsLab.builder().startingAt(LAB_START).seed(14).build();
        Map<Principal, Caller> callers = new EnumMap<>(Principal.class);
        callers.put(Principal.root, Caller.root(lab.defaultAccount()));
        callers.put(Principal.alice, lab.iam().createUser("alice"));
        return maker.apply(lab, callers);
    }

    @AfterAll
    static void stop() {
        TARGETS.forEach(FidelityTarget::close);
    }

    @TestFactory
    Stream<DynamicNode> everyCase_getsTheAnswerTheApiReferenceDocuments() {
        assertThat(CASES).as("the fidelity set has cases").isNotEmpty();
        List<DynamicNode> byTarget = new ArrayList<>();
        for (FidelityTarget target : TARGETS) {
            Map<String, List<DynamicNode>> byOperation = new LinkedHashMap<>();
            for (FidelityCase fidelityCase : CASES) {
                byOperation.computeIfAbsent(fidelityCase.operation(), o -> new ArrayList<>())
                        .add(dynamicTest(fidelityCase.name(), java.net.URI.create(fidelityCase.source()),
                                () -> run(target, fidelityCase)));
            }
            List<DynamicNode> operations = new ArrayList<>();
            byOperation.forEach((operation, tests) -> operations.add(dynamicContainer(operation, tests)));
            byTarget.add(dynamicContainer(target.name(), operations));
        }
        return byTarget.stream();
    }

    @Test
    void everyOperationAndDeclaredError_hasACaseOrAnExplanation() {
        Map<String, Set<String>> model = FidelitySet.modelErrors();
        List<FidelitySet.Explanation> explained = FidelitySet.explanations();
        Set<String> covered = new TreeSet<>();
        CASES.forEach(c -> covered.add(c.operation() + " " + c.expect().outcome()));

        List<String> missing = new ArrayList<>();
        Set<String> operations = new TreeSet<>(model.keySet());
        operations.addAll(Operations.names());
        for (String operation : operations) {
            List<String> outcomes = new ArrayList<>();
            outcomes.add("success");
            outcomes.addAll(model.getOrDefault(operation, Set.of()));
            for (String outcome : outcomes) {
                if (!covered.contains(operation + " " + outcome)
                        && explained.stream().noneMatch(e -> e.covers(operation, outcome))) {
                    missing.add(operation + " " + outcome);
                }
            }
        }
        assertThat(missing).as("operations and declared errors with neither a case (cases/<Operation>.json) nor a "
                + "line in explained.txt").isEmpty();

        List<String> stale = new ArrayList<>();
        for (FidelitySet.Explanation explanation : explained) {
            boolean caseExists = CASES.stream().anyMatch(c -> explanation.covers(c.operation(),
                    c.expect().outcome()));
            if (caseExists && !explanation.operation().equals("*")) {
                stale.add(explanation.operation() + " " + explanation.outcome());
            }
        }
        assertThat(stale).as("explained.txt lines for what now has a case (name the remaining outcomes one by one)")
                .isEmpty();
    }

    /** Makes the case's setup calls, then its request, and holds the answer against the expectation. */
    private static void run(FidelityTarget target, FidelityCase fidelityCase) throws Exception {
        Map<String, JsonNode> variables = new HashMap<>();
        variables.put("account", TextNode.valueOf(target.lab().defaultAccount()));
        variables.put("region", TextNode.valueOf(fidelityCase.region()));
        variables.put("alice", TextNode.valueOf("arn:aws:iam::" + target.lab().defaultAccount() + ":user/alice"));
        for (FidelityCase.Step step : fidelityCase.setup()) {
            if (step.advance() != null) {
                target.advance(step.advance());
                continue;
            }
            String region = step.region() == null ? fidelityCase.region() : step.region();
            if (step.cluster() != null) {
                variables.put(step.as() == null ? "cluster" : step.as(), cluster(target, region, step.cluster()));
                continue;
            }
            if (step.clusterChange() != null) {
                var cluster = target.lab().cloudHsmClusters(target.lab().defaultAccount(), region)
                        .find(step.clusterChange().get("clusterChange").asText()).orElseThrow();
                step.clusterChange().path("removeHsms").forEach(zone -> cluster.removeHsm(zone.asText()));
                if (step.clusterChange().has("active")) {
                    cluster.active(step.clusterChange().get("active").asBoolean());
                }
                continue;
            }
            if (step.enclave() != null) {
                byte[] document = io.kmslab.enclaves.NitroEnclaves.of(target.lab())
                        .launch(step.enclave().get("enclave").asText()).attestationDocument();
                ObjectNode captured = Json.TREES.createObjectNode();
                captured.put("AttestationDocument", java.util.Base64.getEncoder().encodeToString(document));
                variables.put(step.as() == null ? "enclave" : step.as(), captured);
                continue;
            }
            if (step.xksProxy() != null) {
                variables.put(step.as() == null ? "proxy" : step.as(), xksProxy(target, region, step.xksProxy()));
                continue;
            }
            if (step.vpcEndpointService() != null) {
                variables.put(step.as() == null ? "service" : step.as(),
                        vpcEndpointService(target, region, step.vpcEndpointService()));
                continue;
            }
            Answer answer = target.call(Principal.valueOf(step.caller()), region, step.operation(),
                    body(resolve(step.request(), variables)));
            assertThat(answer.status()).as("setup call %s of '%s' answered %s", step.operation(),
                    fidelityCase.name(), answer.body()).isEqualTo(200);
            if (step.as() != null) {
                variables.put(step.as(), answer.body());
            }
        }
        JsonNode request = resolve(fidelityCase.request(), variables);
        Answer answer = target.call(Principal.valueOf(fidelityCase.caller()), fidelityCase.region(),
                fidelityCase.operation(), body(request));
        FidelityCase.Expectation expect = fidelityCase.expect();
        String context = fidelityCase.title() + " (" + fidelityCase.source() + ")\nrequest: " + request
                + "\nanswer: " + answer.status() + " " + answer.body();

        assertThat(answer.status()).as("HTTP status of %s", context).isEqualTo(expect.status());
        if (expect.success()) {
            if (!expect.members().isMissingNode()) {
                assertThat(ResponseMatcher.differences(resolve(expect.members(), variables), answer.body()))
                        .as("members of %s", context).isEmpty();
            }
            for (String member : expect.absent()) {
                assertThat(ResponseMatcher.at(answer.body(), member).isMissingNode())
                        .as("%s must be absent from %s", member, context).isTrue();
            }
            return;
        }
        assertThat(answer.body().path("__type").asText()).as("__type of %s", context).isEqualTo(expect.type());
        String message = answer.body().path("message").asText("");
        if (expect.message() != null) {
            assertThat(message).as("message of %s", context).isEqualTo(resolveText(expect.message(), variables, false));
        } else {
            assertThat(message).as("message of %s (%s)", context, expect.note())
                    .matches(resolveText(expect.messagePattern(), variables, true));
        }
    }

    /** Makes a CloudHSM cluster of the default account in the lab, with its HSMs, as a case's setup describes it. */
    private static JsonNode cluster(FidelityTarget target, String region, JsonNode spec) {
        List<String> zones = new ArrayList<>();
        spec.path("zones").forEach(zone -> zones.add(zone.asText()));
        if (zones.isEmpty()) {
            zones.add(region + "a");
            zones.add(region + "b");
        }
        var cluster = target.lab().cloudHsmClusters(target.lab().defaultAccount(), region)
                .create(spec.get("cluster").asText(), spec.path("password").asText("fidelity-kmsuser-password"),
                        zones.toArray(String[]::new))
                .active(spec.path("active").asBoolean(true))
                .kmsuserLockedOut(spec.path("kmsuserLockedOut").asBoolean(false));
        ObjectNode captured = Json.TREES.createObjectNode();
        captured.put("ClusterId", cluster.clusterId());
        captured.put("TrustAnchorCertificate", cluster.trustAnchorCertificate());
        return captured;
    }

    /** The credential a simulated XKS proxy of a case accepts unless the step names another. */
    static final String XKS_ACCESS_KEY_ID = "FIDELITYACCESSKEYID2345";
    static final String XKS_SECRET = "fidelityXksProxySecretAccessKey0123456789abcdef";

    /**
     * Sets up a simulated XKS proxy of the default account at the step's {@code xksProxy} URI endpoint, under
     * {@code path} (default {@code /kms/xks/v1}), accepting the step's {@code accessKeyId} and {@code secret} (default
     * {@link #XKS_ACCESS_KEY_ID}, {@link #XKS_SECRET}); {@code keys}: AES-256 external keys for ENCRYPT and DECRYPT,
     * {@code disabledKeys}: the same, disabled in the key manager, {@code rsaKeys}: RSA_2048 keys for SIGN and VERIFY;
     * {@code reachable} (default true), {@code malformedAnswers} (default false). Kept as {@code UriEndpoint},
     * {@code UriPath}, {@code AccessKeyId} and {@code RawSecretAccessKey}.
     */
    private static JsonNode xksProxy(FidelityTarget target, String region, JsonNode spec) {
        String endpoint = spec.get("xksProxy").asText();
        String path = spec.path("path").asText("/kms/xks/v1");
        String accessKeyId = spec.path("accessKeyId").asText(XKS_ACCESS_KEY_ID);
        String secret = spec.path("secret").asText(XKS_SECRET);
        var proxy = target.lab().xksProxies(target.lab().defaultAccount(), region).create(endpoint, path,
                new io.kmslab.keystores.XksProxyCredential(accessKeyId, secret));
        spec.path("keys").forEach(key -> proxy.addKey(key.asText()));
        spec.path("disabledKeys").forEach(key -> {
            proxy.addKey(key.asText());
            proxy.keyEnabled(key.asText(), false);
        });
        spec.path("rsaKeys").forEach(key -> proxy.addKey(key.asText(), "RSA_2048", List.of("SIGN", "VERIFY"),
                new byte[256]));
        proxy.reachable(spec.path("reachable").asBoolean(true));
        proxy.malformedAnswers(spec.path("malformedAnswers").asBoolean(false));
        ObjectNode captured = Json.TREES.createObjectNode();
        captured.put("UriEndpoint", endpoint);
        captured.put("UriPath", path);
        captured.put("AccessKeyId", accessKeyId);
        captured.put("RawSecretAccessKey", secret);
        return captured;
    }

    /**
     * Sets up a VPC endpoint service of the default account (a lab object) named by the step's
     * {@code vpcEndpointService}, with the {@code privateDnsName} KMS reaches the proxy at, {@code allowsKms} and
     * {@code privateDnsVerified} (default true). Kept as {@code ServiceName} and {@code PrivateDnsName}.
     */
    private static JsonNode vpcEndpointService(FidelityTarget target, String region, JsonNode spec) {
        var service = target.lab().xksProxies(target.lab().defaultAccount(), region).createVpcEndpointService(
                spec.get("vpcEndpointService").asText(), spec.get("privateDnsName").asText());
        service.allowsKms(spec.path("allowsKms").asBoolean(true));
        service.privateDnsVerified(spec.path("privateDnsVerified").asBoolean(true));
        ObjectNode captured = Json.TREES.createObjectNode();
        captured.put("ServiceName", service.serviceName());
        captured.put("PrivateDnsName", service.privateDnsName());
        return captured;
    }

    private static byte[] body(JsonNode request) {
        return (request.isMissingNode() ? "{}" : request.toString()).getBytes(StandardCharsets.UTF_8);
    }

    /** The node with each {@code ${name.Member.Path}} replaced by the captured value. */
    private static JsonNode resolve(JsonNode node, Map<String, JsonNode> variables) {
        if (node.isTextual()) {
            Matcher whole = VARIABLE.matcher(node.asText());
            if (whole.matches()) {
                return lookup(whole.group(1), variables).deepCopy();
            }
            return TextNode.valueOf(resolveText(node.asText(), variables, false));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.TREES.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                copy.set(member.getKey(), resolve(member.getValue(), variables));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.TREES.createArrayNode();
            node.forEach(element -> copy.add(resolve(element, variables)));
            return copy;
        }
        return node;
    }

    /** A text with its {@code ${...}} references replaced (a pattern's references are quoted as literals). */
    private static String resolveText(String text, Map<String, JsonNode> variables, boolean pattern) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = lookup(matcher.group(1), variables).asText();
            matcher.appendReplacement(out, Matcher.quoteReplacement(pattern ? Pattern.quote(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Key material wrapped with RSAES-OAEP under a DER (SubjectPublicKeyInfo) RSA public key given in base64. */
    private static byte[] wrapped(String hash, String publicKey, byte[] material) {
        try {
            java.security.PublicKey key = java.security.KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(publicKey)));
            String digest = hash.equals("SHA_1") ? "SHA-1" : "SHA-256";
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.OAEPParameterSpec(digest, "MGF1",
                    new java.security.spec.MGF1ParameterSpec(digest), javax.crypto.spec.PSource.PSpecified.DEFAULT));
            return cipher.doFinal(material);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap key material for a case", e);
        }
    }

    private static JsonNode lookup(String reference, Map<String, JsonNode> variables) {
        Matcher bytes = BYTES.matcher(reference);
        if (bytes.matches()) {
            byte[] data = new byte[Integer.parseInt(bytes.group(1))];
            java.util.Arrays.fill(data, (byte) 'a');
            return TextNode.valueOf(java.util.Base64.getEncoder().encodeToString(data));
        }
        Matcher wrap = WRAP.matcher(reference);
        if (wrap.matches()) {
            byte[] material = new byte[Integer.parseInt(wrap.group(3))];
            java.util.Arrays.fill(material, (byte) wrap.group(4).charAt(0));
            return TextNode.valueOf(java.util.Base64.getEncoder().encodeToString(
                    wrapped(wrap.group(1), lookup(wrap.group(2), variables).asText(), material)));
        }
        int dot = reference.indexOf('.');
        String name = dot < 0 ? reference : reference.substring(0, dot);
        JsonNode value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no variable '" + name + "' for ${" + reference + "}; known: "
                    + variables.keySet());
        }
        JsonNode found = dot < 0 ? value : ResponseMatcher.at(value, reference.substring(dot + 1));
        if (found.isMissingNode()) {
            throw new IllegalArgumentException("${" + reference + "} names nothing in " + value);
        }
        return found;
    }
}
