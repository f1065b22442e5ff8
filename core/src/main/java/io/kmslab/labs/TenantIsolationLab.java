package io.kmslab.labs;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.errors.KmsException;
import io.kmslab.iam.Iam;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.labs.PolicyOracle.Row;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Lab 5: one KMS key shared by two tenants of an application, isolated by the encryption context. The learner writes
 * the key policy; the checker has each tenant's role encrypt, make data keys and decrypt with its own context, has
 * each try the other tenant's context, no context and extra pairs, and shows that a ciphertext of one tenant cannot be
 * decrypted by the other, whichever context it names.
 */
final class TenantIsolationLab extends StudyLab {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String REGION = "eu-west-2";
    static final String FILE = "key-policy.json";
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final Map<String, String> TENANT_A = Map.of("tenant", "a");
    private static final Map<String, String> TENANT_B = Map.of("tenant", "b");
    private static final byte[] INVOICE = "invoice 2026-0042 of tenant a".getBytes(StandardCharsets.UTF_8);

    private static final String ACCEPTED = "KMS accepts key-policy.json as the key's policy";
    private static final String A_WORKS = "TenantA encrypts, makes data keys and decrypts with tenant=a";
    private static final String B_WORKS = "TenantB encrypts, makes data keys and decrypts with tenant=b";
    private static final String OWN_TENANT = "Each tenant's role uses only its own tenant's context (probes)";
    private static final String EXACT_CONTEXT = "No request without the tenant pair, or with other pairs (probes)";
    private static final String NO_CROSS_READ = "TenantB cannot read tenant A's data, whatever context it names";
    private static final String NOBODY_ELSE = "Nobody else uses the key (probes)";
    private static final List<String> BEHAVIOUR = List.of(A_WORKS, B_WORKS, OWN_TENANT, EXACT_CONTEXT,
            NO_CROSS_READ, NOBODY_ELSE);

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String slug() {
        return "tenant-isolation-with-encryption-context";
    }

    @Override
    public String title() {
        return "Tenant isolation with encryption context";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "4.2.3", "least-privilege policies"),
                new ExamTask("SCS-C03", "5.2.1", "design and configure encryption at rest"),
                new ExamTask("SOA-C03", "4.1.1", "resource policies and policy conditions"),
                new ExamTask("SAA-C03", "1.3", "access policies for encryption keys"));
    }

    @Override
    public String answerKind() {
        return "a key policy (JSON) with encryption context conditions";
    }

    /*
     * The facts the brief and hints state, from AWS's pages:
     * - kms:EncryptionContext:<key> tests one pair; to require a pair and forbid all others, use it with
     *   kms:EncryptionContextKeys and ForAllValues, which "used alone ... would allow requests with no encryption
     *   context"; ForAnyValue lets other keys in ("Other encryption context keys are permitted")
     *   (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context
     *   and #conditions-kms-encryption-context-keys); values of one condition key are ORed
     *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html,
     *   as linked from conditions-kms.html);
     * - the context is bound to the ciphertext and a wrong one is InvalidCiphertextException
     *   (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html#API_Decrypt_Errors); it "is not secret
     *   and not encrypted. It appears in plaintext in AWS CloudTrail Logs"
     *   (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html).
     * Not simulated: AWS says a policy that puts a set operator on kms:EncryptionContext:<key> is refused
     * (OverlyPermissiveCondition, conditions-kms.html, "Using multiple encryption context pairs"); KMS Lab accepts it,
     * so no wrong answer here relies on it.
     */
    @Override
    public String brief() {
        return """
                # Lab 5: Tenant isolation with encryption context

                Account `111122223333` runs a multi-tenant invoicing service in `eu-west-2`. Both tenants' data is
                encrypted under **one** KMS key. Each tenant's workers run as their own IAM role, neither with any IAM
                policy:

                - `arn:aws:iam::111122223333:role/TenantA` works for tenant `a`;
                - `arn:aws:iam::111122223333:role/TenantB` works for tenant `b`.

                Every request names its tenant in the encryption context: `{"tenant": "a"}` or `{"tenant": "b"}`, and
                nothing else. Today the key policy lets both roles use the key however they like (see
                `key-policy.json`). Rewrite it so that:

                - `TenantA` may call Encrypt, Decrypt and GenerateDataKey only with the encryption context
                  `{"tenant": "a"}`, and `TenantB` only with `{"tenant": "b"}`;
                - a request with no encryption context, or with any pair besides `tenant`, is refused;
                - nobody else may use the key (keep the account's own statement, so that the account keeps control
                  of its key; principals without an IAM policy get nothing from it).

                Good to know: the encryption context is bound to the ciphertext, so decrypting a ciphertext with any
                other context than the one it was made with fails with `InvalidCiphertextException`. That does not
                isolate tenants on its own: the context is not secret (it is in every CloudTrail record), so a role
                that may decrypt with `{"tenant": "a"}` can read tenant a's data. Only the key policy keeps it out.

                ## How it is graded

                `kmslab lab check 5` creates the key with your policy in a fresh lab and has each role encrypt, make a
                data key and decrypt with its own context; then it probes: each role with the other tenant's context,
                with no context, with an extra pair; `TenantB` decrypting tenant a's invoice (naming tenant a's
                context, then its own); a role without IAM policy; another account. Each failed requirement names the
                request and the statement of your policy that decided.
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        return Map.of(FILE, """
                {
                  "Version": "2012-10-17",
                  "Id": "invoices-key",
                  "Statement": [
                    {
                      "Sid": "Enable IAM User Permissions",
                      "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                      "Action": "kms:*",
                      "Resource": "*"
                    },
                    {
                      "Sid": "Tenant workers use the key",
                      "Effect": "Allow",
                      "Principal": {"AWS": [
                        "arn:aws:iam::111122223333:role/TenantA",
                        "arn:aws:iam::111122223333:role/TenantB"
                      ]},
                      "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
                      "Resource": "*"
                    }
                  ]
                }
                """);
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Give each role a statement of its own: one statement naming both roles and both tenants lets each "
                        + "role use either tenant's context (the values of one condition key are ORed).",
                "The condition key kms:EncryptionContext:tenant holds the value of the pair tenant in the request: "
                        + "\"StringEquals\": {\"kms:EncryptionContext:tenant\": \"a\"}. Decrypt needs the condition "
                        + "as much as Encrypt does.",
                "To refuse other pairs, add \"ForAllValues:StringEquals\": {\"kms:EncryptionContextKeys\": "
                        + "[\"tenant\"]} to the same condition. ForAllValues alone would let in a request with no "
                        + "context at all, and ForAnyValue lets in extra pairs.");
    }

    @Override
    public Verdict check(LabAnswer answer) {
        List<Requirement> requirements = new ArrayList<>();
        LabAnswer.Parsed parsed = answer.json(FILE);
        if (!parsed.ok()) {
            requirements.add(Requirement.notMet(ACCEPTED, parsed.problem()));
            BEHAVIOUR.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: the policy could not be "
                    + "read")));
            return verdict(requirements);
        }
        KmsLab lab = KmsLab.builder().startingAt(START).seed(5).build();
        Iam iam = lab.iam(ACCOUNT);
        iam.createRole("TenantA");
        iam.createRole("TenantB");
        iam.createRole("Reporting");
        Caller root = Caller.root(ACCOUNT);
        String keyArn;
        try {
            keyArn = lab.kms(root, REGION).createKey(CreateKeyRequest.builder().description("invoices")
                    .policy(answer.text(FILE).orElseThrow()).build()).keyMetadata().arn();
        } catch (KmsException e) {
            requirements.add(Requirement.notMet(ACCEPTED, "CreateKey refused the policy: " + DecisionWording.of(e)));
            BEHAVIOUR.forEach(r -> requirements.add(Requirement.notMet(r, "not checked: KMS refused the policy")));
            return verdict(requirements);
        }
        requirements.add(Requirement.met(ACCEPTED, "CreateKey accepted it"));
        Caller tenantA = iam.assumeRole("TenantA", "worker-a");
        Caller tenantB = iam.assumeRole("TenantB", "worker-b");
        Caller reporting = iam.assumeRole("Reporting", "reports");
        Caller otherAccount = Caller.root(OTHER_ACCOUNT);
        Kms kmsA = lab.kms(tenantA, REGION);
        Kms kmsB = lab.kms(tenantB, REGION);

        requirements.add(roundTrip(A_WORKS, kmsA, keyArn, TENANT_A));
        requirements.add(roundTrip(B_WORKS, kmsB, keyArn, TENANT_B));
        PolicyOracle oracle = new PolicyOracle(lab, REGION, keyArn);
        List<Row> crossTenant = new ArrayList<>();
        for (String action : List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey")) {
            crossTenant.add(Row.probe("TenantA " + action + " with tenant=b", tenantA, action).withContext(TENANT_B));
            crossTenant.add(Row.probe("TenantB " + action + " with tenant=a", tenantB, action).withContext(TENANT_A));
        }
        requirements.add(oracle.requirement(OWN_TENANT, crossTenant));
        requirements.add(oracle.requirement(EXACT_CONTEXT, List.of(
                Row.probe("TenantA kms:Encrypt with no encryption context", tenantA, "kms:Encrypt"),
                Row.probe("TenantA kms:GenerateDataKey with no encryption context", tenantA, "kms:GenerateDataKey"),
                Row.probe("TenantB kms:Decrypt with no encryption context", tenantB, "kms:Decrypt"),
                Row.probe("TenantA kms:Encrypt with tenant=a and an extra pair", tenantA, "kms:Encrypt")
                        .withContext(new java.util.TreeMap<>(Map.of("tenant", "a", "project", "x"))),
                Row.probe("TenantB kms:Decrypt with tenant=b and an extra pair", tenantB, "kms:Decrypt")
                        .withContext(new java.util.TreeMap<>(Map.of("tenant", "b", "tenant-b", "b"))),
                Row.probe("TenantA kms:GenerateDataKey with another key holding a", tenantA, "kms:GenerateDataKey")
                        .withContext(Map.of("customer", "a")))));
        requirements.add(noCrossRead(lab, kmsA, kmsB, keyArn));
        requirements.add(oracle.requirement(NOBODY_ELSE, List.of(
                Row.probe("a role without IAM policy (Reporting) kms:Decrypt with tenant=a", reporting,
                        "kms:Decrypt").withContext(TENANT_A),
                Row.probe("a role without IAM policy (Reporting) kms:Encrypt with tenant=b", reporting,
                        "kms:Encrypt").withContext(TENANT_B),
                Row.probe("another account kms:Decrypt with tenant=a", otherAccount, "kms:Decrypt")
                        .withContext(TENANT_A))));
        return verdict(requirements);
    }

    /** Encrypt, GenerateDataKey and Decrypt of both, made for real with the tenant's own context. */
    private static Requirement roundTrip(String name, Kms kms, String keyArn, Map<String, String> context) {
        String step = "Encrypt";
        try {
            byte[] blob = kms.encrypt(EncryptRequest.of(keyArn, INVOICE, context)).ciphertextBlob();
            step = "GenerateDataKey";
            byte[] wrapped = kms.generateDataKey(GenerateDataKeyRequest.builder().keyId(keyArn)
                    .keySpec(DataKeySpec.AES_256).encryptionContext(context).build()).ciphertextBlob();
            step = "Decrypt of the invoice";
            boolean same = Arrays.equals(kms.decrypt(DecryptRequest.of(blob, context)).plaintext(), INVOICE);
            step = "Decrypt of the data key";
            kms.decrypt(DecryptRequest.of(wrapped, context));
            return same ? Requirement.met(name, "Encrypt, GenerateDataKey and Decrypt succeeded")
                    : Requirement.notMet(name, "Decrypt returned other bytes than were encrypted");
        } catch (KmsException e) {
            return Requirement.notMet(name, step + " with " + context + " by " + kms.caller().arn() + " failed: "
                    + DecisionWording.of(e) + kms.lastDecision().filter(d -> !d.allowed())
                            .map(d -> "\n  KMS " + DecisionWording.of(d)).orElse(""));
        }
    }

    /**
     * TenantB tries tenant A's invoice twice: naming tenant A's context (only the key policy can refuse it) and naming
     * its own (the ciphertext's binding refuses it: InvalidCiphertextException).
     */
    private static Requirement noCrossRead(KmsLab lab, Kms kmsA, Kms kmsB, String keyArn) {
        byte[] invoice;
        try {
            invoice = kmsA.encrypt(EncryptRequest.of(keyArn, INVOICE, TENANT_A)).ciphertextBlob();
        } catch (KmsException e) {
            // the account keeps kms:* through its own statement (the lockout check made sure the root may act)
            try {
                invoice = lab.kms(Caller.root(ACCOUNT), REGION).encrypt(EncryptRequest.of(keyArn, INVOICE, TENANT_A))
                        .ciphertextBlob();
            } catch (KmsException again) {
                return Requirement.notMet(NO_CROSS_READ, "not checked: neither TenantA nor the account could "
                        + "encrypt tenant a's invoice: " + DecisionWording.of(again));
            }
        }
        List<String> wrong = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Map<String, String> context : List.of(TENANT_A, TENANT_B)) {
            String attempt = "TenantB decrypts tenant a's invoice naming " + context;
            try {
                kmsB.decrypt(DecryptRequest.of(invoice, context));
                wrong.add(attempt + ": it READ the invoice; KMS " + kmsB.lastDecision().map(DecisionWording::of)
                        .orElse("allowed it") + "\n  (the encryption context is not secret: only the key policy "
                                + "can keep TenantB from naming tenant a's context)");
            } catch (KmsException e) {
                seen.add(attempt + ": " + DecisionWording.of(e));
            }
        }
        return wrong.isEmpty() ? Requirement.met(NO_CROSS_READ, String.join("\n", seen))
                : Requirement.notMet(NO_CROSS_READ, String.join("\n", wrong));
    }
}
