package io.kmslab.server.labs;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GrantListEntry;
import io.kmslab.api.ListGrantsRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.errors.KmsException;
import io.kmslab.grants.GrantConstraints;
import io.kmslab.grants.GrantOperation;
import io.kmslab.iam.Iam;
import io.kmslab.labs.ExamTask;
import io.kmslab.labs.PolicyOracle;
import io.kmslab.labs.PolicyOracle.Row;
import io.kmslab.labs.Requirement;
import io.kmslab.policy.GrantEvaluation;
import io.kmslab.policy.KeyPolicies;
import io.kmslab.policy.PolicyDecision;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lab 6: a grant under eventual consistency (skill K4 of EXAM-OBJECTIVES.md). The learner's script, as the key's
 * administrator, grants the Worker role Decrypt only, for one tenant's encryption context, with a retiring principal;
 * as Worker it decrypts at once with the grant token (the grant has not propagated yet: the lab's propagation delay
 * is on, and the simulated clock does not move while the script runs); then the grant is retired. Graded from the
 * trail of the script's calls, the key's grants afterwards, and what the checker tries itself: the learner's grants
 * re-created in a fresh lab and probed once propagated, and a decrypt by Worker after the script.
 */
final class GrantsUnderEventualConsistencyLab extends ScriptLab {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-2";
    static final Instant START = Instant.parse("2026-01-20T09:00:00Z");
    /**
     * How long this lab's grants take to propagate: our choice. AWS: propagation "typically takes less than a few
     * seconds ... but in some cases it can take several minutes", and a grant not yet known "might fail with an
     * AccessDeniedException"; the grant token makes it usable at once
     * (https://docs.aws.amazon.com/kms/latest/developerguide/using-grant-token.html). AWS gives no upper bound.
     */
    static final Duration PROPAGATION = Duration.ofMinutes(5);
    static final String CIPHERTEXT_FILE = "invoice-42.bin";
    static final Map<String, String> TENANT_42 = Map.of("tenant", "42");
    static final Map<String, String> TENANT_7 = Map.of("tenant", "7");
    private static final byte[] INVOICE = "Invoice 2026-0042 for tenant 42: 1,250.00 EUR\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final String WORKER = "WORKER";

    private static final String MADE = "KeyAdmin creates a grant for the Worker role";
    private static final String ONLY_DECRYPT = "The grant allows Decrypt and nothing else (probes)";
    private static final String ONLY_TENANT = "The grant works only for tenant 42's data (probes)";
    private static final String AT_ONCE = "Worker decrypts invoice-42.bin at once, with the grant token";
    private static final String RETIRED = "The grant names a retiring principal and is retired after use";

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String slug() {
        return "grants-under-eventual-consistency";
    }

    @Override
    public String title() {
        return "Grants under eventual consistency";
    }

    @Override
    public List<ExamTask> objectives() {
        // K4 of EXAM-OBJECTIVES.md: the mapping to these tasks is ours, the guides do not name grants
        return List.of(new ExamTask("SCS-C03", "5.2.1", "design and configure encryption at rest (KMS)"),
                new ExamTask("SOA-C03", "4.2.2",
                        "implement, configure and troubleshoot encryption at rest with KMS"),
                new ExamTask("DVA-C02", "2.2", "use keys to encrypt and decrypt"),
                new ExamTask("SCS-C03", "4.2.3", "least-privilege policies"));
    }

    @Override
    public String brief() {
        return """
                # Lab 6: Grants under eventual consistency

                Account `111122223333` keeps its tenants' invoices encrypted under one KMS key in `eu-west-2`, each
                with the encryption context `tenant=<id>`. A batch job runs as the IAM role
                `arn:aws:iam::111122223333:role/Worker`, which has no permission on the key at all. Tonight it must
                read **tenant 42's** invoice, `invoice-42.bin`, and nothing else, and lose that access when it is
                done.

                Write `run.sh`, a bash script of AWS CLI calls, that:

                1. as the key's administrator (`role/KeyAdmin`: the script's own credentials) creates a **grant**
                   that lets the Worker role **Decrypt only**, **only** with the encryption context `tenant=42`, and
                   names a **retiring principal**;
                2. as Worker, **at once**, decrypts `invoice-42.bin` (to `invoice-42.txt`, say);
                3. **retires** the grant.

                Grants are eventually consistent: a new grant usually works within seconds, but it can take several
                minutes to be known everywhere in KMS, and until then a call it should allow may fail with
                `AccessDeniedException`. This lab's grants take five simulated minutes, and the simulated clock does
                not move while your script runs. What does a caller pass to use a grant before it has propagated?

                What the script is given: `KEY_ARN` (the key), `WORKER_ROLE_ARN`, and Worker's credentials in
                `WORKER_ACCESS_KEY_ID` and `WORKER_SECRET_ACCESS_KEY` (run one call as Worker with
                `AWS_ACCESS_KEY_ID="$WORKER_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$WORKER_SECRET_ACCESS_KEY" aws ...`).
                `aws` is the AWS CLI v2, already pointed at the lab and at `eu-west-2`; `invoice-42.bin` lies beside
                the script.

                `kmslab lab check 6` starts a fresh lab on a local endpoint, runs your script with `bash` (60 s at
                most), and reads the audit trail of its calls: which were made, by whom, which failed. It then
                re-creates your grants in another fresh lab, lets them propagate, and probes them (Worker encrypting,
                re-delegating with CreateGrant, decrypting tenant 7's data or data without context: all must be
                denied); and after your script it lets the clock pass and tries Worker's decrypt again, which must be
                denied.
                """;
    }

    @Override
    public Map<String, String> startingFiles() {
        return Map.of(SCRIPT, """
                #!/usr/bin/env bash
                # Lab 6: grants under eventual consistency. `kmslab lab check 6` runs this script.
                # Your credentials are KeyAdmin's; Worker's are WORKER_ACCESS_KEY_ID and WORKER_SECRET_ACCESS_KEY.
                # Given: KEY_ARN, WORKER_ROLE_ARN, and invoice-42.bin (encryption context tenant=42).
                set -euo pipefail

                # 1. As KeyAdmin: create the grant (aws kms create-grant ...) and keep its GrantId and GrantToken

                # 2. As Worker, at once: decrypt invoice-42.bin into invoice-42.txt

                # 3. Retire the grant
                """);
    }

    @Override
    public List<String> hints() {
        return List.of(
                "aws kms create-grant takes --key-id, --grantee-principal, --operations, --retiring-principal and "
                        + "--constraints; --query '[GrantId,GrantToken]' --output text prints both, separated by "
                        + "a tab.",
                "Only Decrypt: --operations Decrypt (CreateGrant among the operations would let Worker give the key "
                        + "to anyone). Only tenant 42: --constraints EncryptionContextEquals={tenant=42}. Worker's "
                        + "decrypt needs --encryption-context tenant=42, and, before the grant has propagated, "
                        + "--grant-tokens \"$token\".",
                "With --retiring-principal \"$WORKER_ROLE_ARN\", Worker retires the grant itself when it is done: "
                        + "aws kms retire-grant --grant-token \"$token\" (or --key-id \"$KEY_ARN\" --grant-id "
                        + "\"$id\"), as Worker.");
    }

    @Override
    protected List<String> requirementNames() {
        return List.of(MADE, ONLY_DECRYPT, ONLY_TENANT, AT_ONCE, RETIRED);
    }

    /** The lab the brief describes: one key, KeyAdmin managing it, Worker with no permission, tenant 42's invoice. */
    @Override
    protected ScriptStage stage() {
        Staged staged = staged();
        byte[] invoice = staged.lab().kms(Caller.root(ACCOUNT), REGION)
                .encrypt(EncryptRequest.of(staged.keyArn(), INVOICE, TENANT_42)).ciphertextBlob();
        return new ScriptStage(staged.lab(), REGION).actingAs(staged.admin()).withCaller(WORKER, staged.worker())
                .withVariable("KEY_ARN", staged.keyArn())
                .withVariable("WORKER_ROLE_ARN", staged.worker().principalArn())
                .withFile(CIPHERTEXT_FILE, invoice);
    }

    /** A fresh lab with the key and the roles (also the lab where the learner's grants are probed). */
    private record Staged(KmsLab lab, String keyArn, Caller admin, Caller worker, Caller intern) {
    }

    private static Staged staged() {
        KmsLab lab = KmsLab.builder().startingAt(START).seed(6).grantPropagation(PROPAGATION).build();
        Iam iam = lab.iam(ACCOUNT);
        String adminRole = iam.createRole("KeyAdmin");
        iam.createRole("Worker");
        iam.createUser("Intern");
        String keyArn = lab.kms(Caller.root(ACCOUNT), REGION).createKey(CreateKeyRequest.builder()
                .description("tenant invoices")
                .policy(KeyPolicies.consoleDefault(ACCOUNT, List.of(adminRole), List.of())).build())
                .keyMetadata().arn();
        return new Staged(lab, keyArn, iam.assumeRole("KeyAdmin", "admin"), iam.assumeRole("Worker", "worker"),
                iam.user("Intern"));
    }

    @Override
    protected List<Requirement> grade(ScriptStage stage, ScriptRun run, ScriptTrail trail) {
        Caller admin = stage.caller(ScriptStage.DEFAULT);
        Caller worker = stage.caller(WORKER);
        KmsLab lab = stage.lab();
        String keyArn = stageKey(stage);
        List<Requirement> requirements = new ArrayList<>();

        List<AuditEvent> createGrants = trail.calls("CreateGrant");
        List<AuditEvent> forWorker = createGrants.stream().filter(ScriptTrail::succeeded)
                .filter(e -> grantsTo(e, worker)).toList();
        if (forWorker.isEmpty()) {
            String why = trail.describe(createGrants, "run.sh made no CreateGrant call");
            List<AuditEvent> others = createGrants.stream().filter(ScriptTrail::succeeded).toList();
            if (!others.isEmpty()) {
                why += "\nthe grantee must be the Worker role, " + worker.principalArn() + ": the grants made were "
                        + "for " + others.stream().map(e -> ScriptTrail.parameter(e, "granteePrincipal")).toList();
            }
            requirements.add(Requirement.notMet(MADE, why));
            String notChecked = "not checked: no grant for Worker was made";
            requirements.add(Requirement.notMet(ONLY_DECRYPT, notChecked));
            requirements.add(Requirement.notMet(ONLY_TENANT, notChecked));
        } else {
            requirements.add(Requirement.met(MADE, trail.describe(forWorker, "")));
            probe(forWorker, requirements);
        }
        requirements.add(decryptedAtOnce(trail, worker, lab));
        requirements.add(retired(trail, forWorker, lab, keyArn, worker, stage));
        return requirements;
    }

    private static String stageKey(ScriptStage stage) {
        // the stage's one key, by the variable the script was given
        return stage.variable("KEY_ARN");
    }

    private static boolean grantsTo(AuditEvent createGrant, Caller worker) {
        String grantee = ScriptTrail.parameter(createGrant, "granteePrincipal");
        return worker.principalArn().equals(grantee) || worker.arn().equals(grantee);
    }

    /** The learner's grants for Worker, re-created in a fresh lab, propagated, and probed. */
    private static void probe(List<AuditEvent> grants, List<Requirement> requirements) {
        Staged probe = staged();
        try {
            Kms root = probe.lab().kms(Caller.root(ACCOUNT), REGION);
            for (AuditEvent e : grants) {
                root.createGrant(CreateGrantRequest.builder().keyId(probe.keyArn())
                        .granteePrincipal(ScriptTrail.parameter(e, "granteePrincipal"))
                        .retiringPrincipal(ScriptTrail.parameter(e, "retiringPrincipal"))
                        .operations(operations(e.requestParameters().get("operations")))
                        .constraints(constraints(e.requestParameters().get("constraints"))).build());
            }
            probe.lab().advance(PROPAGATION.plusSeconds(1));
            PolicyOracle oracle = new PolicyOracle(probe.lab(), REGION, probe.keyArn());
            Caller worker = probe.worker();
            requirements.add(oracle.requirement(ONLY_DECRYPT, List.of(
                    Row.allow("Worker decrypts tenant 42's data", worker, "kms:Decrypt").withContext(TENANT_42),
                    Row.probe("Worker encrypts", worker, "kms:Encrypt").withContext(TENANT_42),
                    Row.probe("Worker generates a data key", worker, "kms:GenerateDataKey").withContext(TENANT_42),
                    Row.probe("Worker re-encrypts under another key", worker, "kms:ReEncryptFrom")
                            .withContext(TENANT_42),
                    Row.probe("Worker re-delegates: it creates a grant of its own (kms:CreateGrant)", worker,
                            "kms:CreateGrant").withContext(TENANT_42))));
            requirements.add(oracle.requirement(ONLY_TENANT, List.of(
                    Row.allow("Worker decrypts tenant 42's data", worker, "kms:Decrypt").withContext(TENANT_42),
                    Row.probe("Worker decrypts tenant 7's data", worker, "kms:Decrypt").withContext(TENANT_7),
                    Row.probe("Worker decrypts data encrypted without encryption context", worker, "kms:Decrypt"),
                    Row.probe("an intern decrypts tenant 42's data", probe.intern(), "kms:Decrypt")
                            .withContext(TENANT_42))));
        } catch (KmsException e) {
            String why = "not checked: the grant could not be made again in a fresh lab: " + e.errorCode() + ": "
                    + e.getMessage();
            requirements.add(Requirement.notMet(ONLY_DECRYPT, why));
            requirements.add(Requirement.notMet(ONLY_TENANT, why));
        } finally {
            probe.lab().close();
        }
    }

    private Requirement decryptedAtOnce(ScriptTrail trail, Caller worker, KmsLab lab) {
        List<AuditEvent> decrypts = trail.calls("Decrypt");
        List<AuditEvent> byWorker = decrypts.stream().filter(ScriptTrail.by(worker)).toList();
        Optional<AuditEvent> ok = byWorker.stream().filter(ScriptTrail::succeeded).findFirst();
        if (ok.isPresent()) {
            Optional<PolicyDecision> decision = lab.decision(ok.get().requestID());
            if (decision.isPresent() && decision.get().decidingGrant() == null) {
                // allowed, but not through a grant: the script widened the key policy or an IAM policy instead
                List<AuditEvent> policyChanges = trail.calls("PutKeyPolicy").stream()
                        .filter(ScriptTrail::succeeded).toList();
                return Requirement.notMet(AT_ONCE, trail.describe(ok.get()) + ", but not through the grant: "
                        + describe(decision.get())
                        + (policyChanges.isEmpty() ? "" : "\n" + trail.describe(policyChanges, "")));
            }
            return Requirement.met(AT_ONCE, trail.describe(ok.get()) + " at " + ok.get().eventTime());
        }
        if (byWorker.isEmpty()) {
            return Requirement.notMet(AT_ONCE, "Worker made no Decrypt call (its credentials are "
                    + "WORKER_ACCESS_KEY_ID and WORKER_SECRET_ACCESS_KEY)"
                    + (decrypts.isEmpty() ? "" : "; the Decrypt calls made:\n" + trail.describe(decrypts, "")));
        }
        StringBuilder why = new StringBuilder();
        for (AuditEvent e : byWorker) {
            why.append(trail.describe(e));
            lab.decision(e.requestID()).map(PolicyDecision::grants).ifPresent(grants -> {
                for (GrantEvaluation g : grants) {
                    why.append("\n  ").append(g.describe());
                }
            });
            why.append('\n');
        }
        boolean unpropagated = byWorker.stream().map(e -> lab.decision(e.requestID())).flatMap(Optional::stream)
                .flatMap(d -> d.grants().stream())
                .anyMatch(g -> g.granteeMatched() && !g.propagated() && !g.tokenPresented());
        if (unpropagated) {
            why.append("the grant had not propagated yet (it takes ").append(PROPAGATION.toMinutes())
                    .append(" minutes): a call that passes the grant token (--grant-tokens) may use it at once");
        }
        return Requirement.notMet(AT_ONCE, why.toString().strip());
    }

    private Requirement retired(ScriptTrail trail, List<AuditEvent> forWorker, KmsLab lab, String keyArn,
            Caller worker, ScriptStage stage) {
        if (forWorker.isEmpty()) {
            return Requirement.notMet(RETIRED, "not checked: no grant for Worker was made");
        }
        List<String> problems = new ArrayList<>();
        for (AuditEvent e : forWorker) {
            if (ScriptTrail.parameter(e, "retiringPrincipal") == null) {
                problems.add(trail.describe(e) + ", but it named no retiring principal (--retiring-principal): "
                        + "then only a principal allowed kms:RetireGrant or kms:RevokeGrant on the key can remove it");
            }
        }
        List<AuditEvent> retires = trail.calls("RetireGrant");
        if (retires.stream().noneMatch(ScriptTrail::succeeded)) {
            List<AuditEvent> revokes = trail.calls("RevokeGrant").stream().filter(ScriptTrail::succeeded).toList();
            problems.add(trail.describe(retires, "run.sh made no RetireGrant call")
                    + (revokes.isEmpty() ? "" : "\n" + trail.describe(revokes, "") + ": RevokeGrant is the key "
                            + "administrators taking a grant back; the user of a grant retires it when done"));
        }
        Kms root = lab.kms(Caller.root(ACCOUNT), REGION);
        List<GrantListEntry> left = root.listGrants(ListGrantsRequest.of(keyArn)).grants();
        for (GrantListEntry g : left) {
            problems.add("after the script, ListGrants still shows grant " + g.grantId() + " (grantee "
                    + g.granteePrincipal() + ", operations " + g.operations() + ")");
        }
        // the checker's own try: once any grant left has propagated, Worker's decrypt must be denied
        lab.advance(PROPAGATION.plusSeconds(1));
        try {
            lab.kms(worker, REGION).decrypt(DecryptRequest.of(stage.file(CIPHERTEXT_FILE), TENANT_42));
            problems.add("after the script, once grants had propagated, the checker's Decrypt of "
                    + CIPHERTEXT_FILE + " as Worker was still ALLOWED"
                    + lab.lastDecision().map(d -> ": " + describe(d)).orElse(""));
        } catch (KmsException e) {
            if (!"AccessDeniedException".equals(e.errorCode())) {
                problems.add("after the script, the checker's Decrypt as Worker failed with " + e.errorCode()
                        + " instead of AccessDeniedException: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            return Requirement.met(RETIRED, trail.describe(retires.stream().filter(ScriptTrail::succeeded)
                    .toList(), "") + "; no grant left, and Worker's Decrypt is denied afterwards");
        }
        return Requirement.notMet(RETIRED, String.join("\n", problems));
    }

    /** What allowed a request: the grant, or the statement and the policy it is in. */
    private static String describe(PolicyDecision decision) {
        if (decision.decidingGrant() != null) {
            return "by grant " + decision.decidingGrant().grant().grantId();
        }
        return decision.rule().meaning() + (decision.deciding() == null ? "" : " (statement "
                + decision.deciding().statement().label() + " in the " + decision.deciding().source() + ")");
    }

    /** The operations of a CreateGrant as its event keeps them. */
    static List<GrantOperation> operations(Object logged) {
        List<GrantOperation> operations = new ArrayList<>();
        if (logged instanceof List<?> list) {
            for (Object o : list) {
                operations.add(o instanceof GrantOperation op ? op : GrantOperation.valueOf(o.toString()));
            }
        }
        return operations;
    }

    /** The constraints of a CreateGrant as its event keeps them (a record in memory, a map once read back). */
    @SuppressWarnings("unchecked")
    static GrantConstraints constraints(Object logged) {
        if (logged == null || logged instanceof GrantConstraints) {
            return (GrantConstraints) logged;
        }
        if (logged instanceof Map<?, ?> map) {
            return new GrantConstraints(copy((Map<String, Object>) map.get("encryptionContextSubset")),
                    copy((Map<String, Object>) map.get("encryptionContextEquals")));
        }
        throw new IllegalStateException("constraints logged as " + logged.getClass().getSimpleName());
    }

    private static Map<String, String> copy(Map<String, Object> pairs) {
        if (pairs == null) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        pairs.forEach((k, v) -> copy.put(k, String.valueOf(v)));
        return copy;
    }
}
