package io.kmslab.labs;

import io.kmslab.Caller;
import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateGrantRequest;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.ScheduleKeyDeletionRequest;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.errors.KmsException;
import io.kmslab.grants.GrantOperation;
import io.kmslab.iam.Iam;
import io.kmslab.policy.PolicyDecision;
import io.kmslab.policy.PolicyDecision.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lab 2: predict, for a set of numbered requests, whether KMS allows each one, and if not which layer says no (the key
 * policy, an IAM policy, an explicit Deny, a grant) or which error KMS answers instead of AccessDenied. Graded by
 * running every case in a fresh lab of its own and comparing what KMS did with the prediction; each wrong prediction is
 * explained with KMS's decision (the rule and the deciding statement or grant) or the error and its message.
 */
final class WhichLayerSaysNoLab extends StudyLab {
    static final String ACCOUNT = "111122223333";
    static final String PARTNER_ACCOUNT = "444455556666";
    static final String REGION = "eu-west-2";
    static final String OTHER_REGION = "us-east-1";
    static final String FILE = "answers.txt";
    private static final String FORMAT = "answers.txt gives one readable prediction for every case";
    private static final byte[] DATA = "quarterly figures".getBytes(StandardCharsets.UTF_8);
    private static final Pattern LINE = Pattern.compile("\\s*(\\d+)\\s*[:.)]\\s*(.*?)\\s*");

    /** The layers a learner may name after DENY, in the brief's words. */
    private enum Layer {
        KEY_POLICY("key-policy"), IAM_POLICY("iam-policy"), EXPLICIT_DENY("explicit-deny"), GRANT("grant");

        private final String word;

        Layer(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }

        static Optional<Layer> named(String text) {
            String normal = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
            for (Layer layer : values()) {
                if (layer.word.equals(normal) || layer.word.replace("-", "").equals(normal)) {
                    return Optional.of(layer);
                }
            }
            return Optional.empty();
        }
    }

    /** What a request came to, in the words of the answer file: ALLOW, DENY with a layer, or ERROR with a name. */
    private record Outcome(String kind, String detail) {
        static Outcome allow() {
            return new Outcome("ALLOW", null);
        }

        @Override
        public String toString() {
            return detail == null ? kind : kind + " " + detail;
        }
    }

    /** A request to run against a fresh lab: the handle it is made through, and the call. */
    private record Attempt(Kms kms, Consumer<Kms> call) {
    }

    /** One numbered case: what the learner reads, and how the checker sets it up and makes the request. */
    private record Case(int number, String title, String situation, Function<KmsLab, Attempt> setUp) {
    }

    private static final String ALLOW_ALL_KMS = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}""";
    private static final String ACCOUNT_STATEMENT = statement("Enable IAM User Permissions",
            "arn:aws:iam::" + ACCOUNT + ":root", "\"kms:*\"", null);

    /*
     * What each case teaches, from AWS's pages (the engine decides each case; these are why its answers are AWS's):
     * - layers and their order: an explicit Deny wins; a key policy allows directly, or allows the account and so
     *   lets IAM policies decide; grants allow too ("Determining access to an AWS KMS key",
     *   https://docs.aws.amazon.com/kms/latest/developerguide/determining-access.html; the account statement "allows
     *   ... IAM policies", https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html);
     * - across accounts: the key policy of the owner and an IAM policy in the caller's account
     *   (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html);
     * - a new grant: "It typically takes less than a few seconds ... but in some cases it can take several minutes
     *   ... the request might fail with an AccessDeniedException error. To use the permissions in a new grant
     *   immediately, use the grant token" (https://docs.aws.amazon.com/kms/latest/developerguide/using-grant-token.html);
     *   the lab's 5 minutes is KMS Lab's choice (KmsLab.Builder#grantPropagation);
     * - a disabled key, a key pending deletion: the key state table
     *   (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html); the error names are those of the
     *   Encrypt API reference (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html#API_Encrypt_Errors);
     * - another encryption context: InvalidCiphertextException, "the specified ciphertext, or additional
     *   authenticated data incorporated into the ciphertext, such as the encryption context, is corrupted, missing,
     *   or otherwise invalid" (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html#API_Decrypt_Errors);
     * - a key id is looked up in the Region of the call: NotFoundException (same Errors section of API_Encrypt);
     * - AWS managed keys let principals of the account use them only through their service (kms:ViaService), as
     *   their captured key policies show (https://github.com/FogSecurity/aws-managed-kms-keys, see SERVICES.md).
     */
    private static final List<Case> CASES = List.of(
            new Case(1, "A user without IAM policy, a key with the default key policy",
                    "The key has the default key policy (only the statement \"Enable IAM User Permissions\", "
                            + "which allows the account `arn:aws:iam::111122223333:root` `kms:*`). The IAM user `dev` "
                            + "has no IAM policy. `dev` calls Encrypt with the key.",
                    lab -> {
                        String key = key(lab, Kms.defaultKeyPolicy(ACCOUNT));
                        Caller dev = lab.iam(ACCOUNT).createUser("dev");
                        return encrypt(lab.kms(dev, REGION), key);
                    }),
            new Case(2, "A key policy that names the user",
                    "The key policy has the default statement and a second one allowing "
                            + "`arn:aws:iam::111122223333:user/dev` `kms:Encrypt` and `kms:Decrypt`. `dev` has no IAM "
                            + "policy. `dev` calls Encrypt with the key.",
                    lab -> {
                        Caller dev = lab.iam(ACCOUNT).createUser("dev");
                        String key = key(lab, policyNamingDev());
                        return encrypt(lab.kms(dev, REGION), key);
                    }),
            new Case(3, "An administrator's IAM policy, a key policy without the account statement",
                    "The key policy has one statement: it allows the role `KeyAdmin` `kms:*`; there is no statement "
                            + "for the account (`...:root`). The IAM user `ops` has an IAM policy allowing `kms:*` on "
                            + "`\"Resource\": \"*\"` (like AdministratorAccess). `ops` calls Encrypt with the key.",
                    lab -> {
                        Iam iam = lab.iam(ACCOUNT);
                        iam.createRole("KeyAdmin");
                        Caller ops = iam.createUser("ops");
                        iam.putUserPolicy("ops", "administrator", ALLOW_ALL_KMS);
                        String key = lab.kms(Caller.root(ACCOUNT), REGION).createKey(CreateKeyRequest.builder()
                                .policy(policy(statement("Key administrators", "arn:aws:iam::" + ACCOUNT
                                        + ":role/KeyAdmin", "\"kms:*\"", null)))
                                .bypassPolicyLockoutSafetyCheck(true).build()).keyMetadata().arn();
                        return encrypt(lab.kms(ops, REGION), key);
                    }),
            new Case(4, "An IAM Allow and an IAM Deny",
                    "The key has the default key policy. `ops` has two IAM policies: one allows `kms:*` on "
                            + "`\"Resource\": \"*\"`, the other denies `kms:Decrypt` on `\"Resource\": \"*\"`. "
                            + "`ops` calls Decrypt on a ciphertext of the key.",
                    lab -> {
                        String key = key(lab, Kms.defaultKeyPolicy(ACCOUNT));
                        Iam iam = lab.iam(ACCOUNT);
                        Caller ops = iam.createUser("ops");
                        iam.putUserPolicy("ops", "administrator", ALLOW_ALL_KMS);
                        iam.putUserPolicy("ops", "no-decrypt", """
                                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kms:Decrypt",
                                  "Resource": "*"}]}""");
                        byte[] blob = ciphertext(lab, key, Map.of());
                        return decrypt(lab.kms(ops, REGION), blob, Map.of());
                    }),
            new Case(5, "A key policy that lets the key decrypt only through S3",
                    "The key policy has the default statement and a Deny for everyone (`\"Principal\": \"*\"`) of "
                            + "`kms:Decrypt` unless `kms:ViaService` is `s3.eu-west-2.amazonaws.com` "
                            + "(`StringNotEquals`). `ops` has an IAM policy allowing `kms:*`. `ops` calls Decrypt "
                            + "directly (not through S3) on a ciphertext of the key.",
                    lab -> {
                        Iam iam = lab.iam(ACCOUNT);
                        Caller ops = iam.createUser("ops");
                        iam.putUserPolicy("ops", "administrator", ALLOW_ALL_KMS);
                        String key = key(lab, policy(ACCOUNT_STATEMENT, """
                                {"Sid": "Decrypt only through S3", "Effect": "Deny", "Principal": "*",
                                 "Action": "kms:Decrypt", "Resource": "*",
                                 "Condition": {"StringNotEquals":
                                   {"kms:ViaService": "s3.eu-west-2.amazonaws.com"}}}"""));
                        byte[] blob = ciphertext(lab, key, Map.of());
                        return decrypt(lab.kms(ops, REGION), blob, Map.of());
                    }),
            new Case(6, "A grant for Decrypt, an hour old",
                    "The key has the default key policy. The role `Worker` has no IAM policy. An hour ago the "
                            + "account created a grant for `Worker` with the operation `Decrypt`. A session of "
                            + "`Worker` calls Decrypt on a ciphertext of the key (without a grant token).",
                    lab -> {
                        Grant grant = workerGrant(lab);
                        lab.advance(Duration.ofHours(1));
                        return decrypt(lab.kms(grant.worker(), REGION), grant.blob(), Map.of());
                    }),
            new Case(7, "The same grant, another operation",
                    "As in case 6 (the grant allows `Decrypt` only, an hour old), the session of `Worker` calls "
                            + "Encrypt with the key.",
                    lab -> {
                        Grant grant = workerGrant(lab);
                        lab.advance(Duration.ofHours(1));
                        return encrypt(lab.kms(grant.worker(), REGION), grant.key());
                    }),
            new Case(8, "A grant created a second ago, without its grant token",
                    "As in case 6, but the grant was created one second ago, and `Worker` calls Decrypt without "
                            + "the grant token.",
                    lab -> {
                        Grant grant = workerGrant(lab);
                        lab.advance(Duration.ofSeconds(1));
                        return decrypt(lab.kms(grant.worker(), REGION), grant.blob(), Map.of());
                    }),
            new Case(9, "A grant created a second ago, with its grant token",
                    "As in case 8, but `Worker` passes the grant token that CreateGrant returned.",
                    lab -> {
                        Grant grant = workerGrant(lab);
                        lab.advance(Duration.ofSeconds(1));
                        return new Attempt(lab.kms(grant.worker(), REGION), k -> k.decrypt(DecryptRequest.builder()
                                .ciphertextBlob(grant.blob()).grantTokens(List.of(grant.token())).build()));
                    }),
            new Case(10, "A disabled key",
                    "The key policy names `dev` as in case 2. The key has been disabled (DisableKey). `dev` calls "
                            + "Encrypt with the key.",
                    lab -> {
                        Caller dev = lab.iam(ACCOUNT).createUser("dev");
                        String key = key(lab, policyNamingDev());
                        lab.kms(Caller.root(ACCOUNT), REGION).disableKey(DisableKeyRequest.of(key));
                        return encrypt(lab.kms(dev, REGION), key);
                    }),
            new Case(11, "A key pending deletion",
                    "The key policy names `dev` as in case 2. The key is scheduled for deletion in 7 days "
                            + "(ScheduleKeyDeletion). `dev` calls Encrypt with the key.",
                    lab -> {
                        Caller dev = lab.iam(ACCOUNT).createUser("dev");
                        String key = key(lab, policyNamingDev());
                        lab.kms(Caller.root(ACCOUNT), REGION).scheduleKeyDeletion(
                                ScheduleKeyDeletionRequest.of(key, 7));
                        return encrypt(lab.kms(dev, REGION), key);
                    }),
            new Case(12, "Another encryption context",
                    "The key policy names `dev` as in case 2. `dev` encrypted with the encryption context "
                            + "`{\"department\": \"finance\"}`, and now calls Decrypt on that ciphertext with "
                            + "`{\"department\": \"hr\"}`.",
                    lab -> {
                        Caller dev = lab.iam(ACCOUNT).createUser("dev");
                        String key = key(lab, policyNamingDev());
                        Kms kms = lab.kms(dev, REGION);
                        byte[] blob = kms.encrypt(EncryptRequest.of(key, DATA, Map.of("department", "finance")))
                                .ciphertextBlob();
                        return decrypt(kms, blob, Map.of("department", "hr"));
                    }),
            new Case(13, "The key of another Region",
                    "The key policy names `dev` as in case 2; the key is in `eu-west-2`. `dev` calls Encrypt in "
                            + "`us-east-1`, naming the key by its key id (not its ARN).",
                    lab -> {
                        Caller dev = lab.iam(ACCOUNT).createUser("dev");
                        String key = key(lab, policyNamingDev());
                        String keyId = key.substring(key.lastIndexOf('/') + 1);
                        return encrypt(lab.kms(dev, OTHER_REGION), keyId);
                    }),
            new Case(14, "Another account, with an IAM policy but no key policy statement",
                    "The key (account 111122223333) has the default key policy. The role `Partner` of account "
                            + "444455556666 has an IAM policy allowing `kms:Encrypt` on the key's ARN. A session of "
                            + "`Partner` calls Encrypt with the key's ARN.",
                    lab -> {
                        String key = key(lab, Kms.defaultKeyPolicy(ACCOUNT));
                        return encrypt(partner(lab, key), key);
                    }),
            new Case(15, "Another account, with a key policy statement but no IAM policy",
                    "The key policy has the default statement and one allowing the account "
                            + "`arn:aws:iam::444455556666:root` `kms:Encrypt` and `kms:Decrypt`. The role `Partner` of "
                            + "account 444455556666 has no IAM policy. A session of `Partner` calls Encrypt with the "
                            + "key's ARN.",
                    lab -> {
                        lab.iam(PARTNER_ACCOUNT).createRole("Partner");
                        String key = key(lab, policy(ACCOUNT_STATEMENT, statement("Partner account",
                                "arn:aws:iam::" + PARTNER_ACCOUNT + ":root", "[\"kms:Encrypt\", \"kms:Decrypt\"]",
                                null)));
                        return encrypt(lab.kms(lab.iam(PARTNER_ACCOUNT).assumeRole("Partner", "partner"), REGION),
                                key);
                    }),
            new Case(16, "An AWS managed key, called directly",
                    "`ops` has an IAM policy allowing `kms:*` on `\"Resource\": \"*\"`. `ops` calls Encrypt directly "
                            + "with `alias/aws/ebs`, the AWS managed key of Amazon EBS in the account.",
                    lab -> {
                        Iam iam = lab.iam(ACCOUNT);
                        Caller ops = iam.createUser("ops");
                        iam.putUserPolicy("ops", "administrator", ALLOW_ALL_KMS);
                        lab.kms(Caller.root(ACCOUNT), REGION).awsManagedKey("ebs");
                        return encrypt(lab.kms(ops, REGION), "alias/aws/ebs");
                    }));

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String slug() {
        return "which-layer-says-no";
    }

    @Override
    public String title() {
        return "Which layer says no: key policy, IAM, grant, explicit deny";
    }

    @Override
    public List<ExamTask> objectives() {
        return List.of(new ExamTask("SCS-C03", "4.2.4", "analyse authorization failures"),
                new ExamTask("SOA-C03", "4.1.2", "troubleshoot and audit access"),
                new ExamTask("SOA-C03", "4.2.2", "implement, configure and troubleshoot encryption at rest with KMS"));
    }

    @Override
    public String answerKind() {
        return "predictions (answers.txt), each proved by running the case";
    }

    @Override
    public String brief() {
        StringBuilder s = new StringBuilder("""
                # Lab 2: Which layer says no

                KMS decides every request on a key in layers: the key policy, the IAM policies of the caller, the
                grants of the key, and before all of them any explicit `Deny`. Some requests never reach a decision
                about permissions: KMS answers with another error. Below are %d requests, each in a fresh lab (account
                `111122223333`, Region `eu-west-2` unless said). **Predict** what KMS does with each, then let the
                checker run them.

                Write `answers.txt`, one line per case:

                - `N: ALLOW` when KMS lets the request through;
                - `N: DENY <layer>` when KMS refuses it with AccessDeniedException, naming the layer that said no:
                  - `explicit-deny`: a `Deny` statement (in the key policy or in an IAM policy) applies;
                  - `grant`: the caller's only way in is a grant of the key, and that grant does not allow this
                    request (another operation, another encryption context, or not yet in effect);
                  - `iam-policy`: the key policy lets the caller's account decide through IAM (it allows the
                    account), but no IAM policy of the caller allows the request;
                  - `key-policy`: the key policy allows neither the caller nor its account, and no grant helps;
                - `N: ERROR <ExceptionName>` when KMS answers with another error, by its AWS name (for example
                  `ERROR ValidationException`).

                Lines starting with `#` are comments. In this lab a new grant takes effect 5 minutes after it is
                created; in AWS it usually takes seconds and can take several minutes, and until then a request that
                relies on it may fail with AccessDeniedException unless it passes the grant token.

                ## The cases

                """.formatted(CASES.size()));
        for (Case c : CASES) {
            s.append(c.number()).append(". **").append(c.title()).append(".** ").append(c.situation()).append("\n");
        }
        s.append("""

                ## How it is graded

                `kmslab lab check 2` runs every case in a lab of its own and compares what KMS did with your line.
                A wrong prediction is explained with KMS's decision: the rule that decided and the statement or grant
                that decided, or the error KMS answered and its message.
                """);
        return s.toString();
    }

    @Override
    public Map<String, String> startingFiles() {
        StringBuilder s = new StringBuilder("# Lab 2: one line per case: N: ALLOW | N: DENY <layer> | N: ERROR "
                + "<ExceptionName>\n# layers: key-policy, iam-policy, explicit-deny, grant\n");
        for (Case c : CASES) {
            s.append("# ").append(c.title()).append('\n').append(c.number()).append(": ?\n");
        }
        return Map.of(FILE, s.toString());
    }

    @Override
    public List<String> hints() {
        return List.of(
                "Go through the layers in KMS's order: an explicit Deny anywhere wins; then the key policy either "
                        + "allows the caller, or allows the account and hands over to IAM, or allows neither; a grant "
                        + "can let in a caller the policies do not.",
                "IAM policies count only when the key policy allows the account (its root ARN): no IAM policy, not "
                        + "even one allowing kms:* on *, opens a key whose policy does not. Across accounts both are "
                        + "needed: the owner's key policy and the caller's IAM policy. AWS managed keys allow use only "
                        + "through their service (kms:ViaService).",
                "Not every refusal is AccessDenied: a disabled key is DisabledException, a key pending deletion "
                        + "KMSInvalidStateException, a key id that does not exist in the Region of the call "
                        + "NotFoundException, and a ciphertext decrypted with another encryption context "
                        + "InvalidCiphertextException. A grant created moments ago needs its grant token.");
    }

    @Override
    public Verdict check(LabAnswer answer) {
        List<Requirement> requirements = new ArrayList<>();
        Optional<String> text = answer.text(FILE);
        if (text.isEmpty()) {
            requirements.add(Requirement.notMet(FORMAT, FILE + " is missing"));
            CASES.forEach(c -> requirements.add(Requirement.notMet(name(c), "not checked: " + FILE + " is missing")));
            return verdict(requirements);
        }
        Map<Integer, String> lines = new LinkedHashMap<>();
        Map<Integer, Prediction> predictions = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        read(text.get(), lines, predictions, problems);
        for (Case c : CASES) {
            if (!lines.containsKey(c.number())) {
                problems.add("no line for case " + c.number());
            }
        }
        requirements.add(problems.isEmpty() ? Requirement.met(FORMAT, CASES.size() + " predictions read")
                : Requirement.notMet(FORMAT, String.join("\n", problems)));
        for (Case c : CASES) {
            Prediction prediction = predictions.get(c.number());
            if (prediction == null) {
                String line = lines.get(c.number());
                requirements.add(Requirement.notMet(name(c), line == null ? "no prediction for case " + c.number()
                        : "your line for case " + c.number() + " is not a prediction: \"" + line + "\""));
                continue;
            }
            Run run = run(c);
            requirements.add(grade(c, prediction, run));
        }
        return verdict(requirements);
    }

    private static String name(Case c) {
        return "Case " + c.number() + ": " + c.title();
    }

    /** A line of the answer file that could be read. */
    private record Prediction(String kind, String detail) {
    }

    /** What KMS did with a case: the outcome in the answer file's words, and the explanation. */
    private record Run(Outcome outcome, String explanation) {
    }

    private static void read(String text, Map<Integer, String> lines, Map<Integer, Prediction> predictions,
            List<String> problems) {
        int lineNumber = 0;
        for (String raw : text.lines().toList()) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                problems.add("line " + lineNumber + " (\"" + line + "\") does not start with a case number and a "
                        + "colon (\"3: DENY key-policy\")");
                continue;
            }
            int number = Integer.parseInt(m.group(1));
            if (CASES.stream().noneMatch(c -> c.number() == number)) {
                problems.add("line " + lineNumber + ": there is no case " + number + " (the cases are 1 to "
                        + CASES.size() + ")");
                continue;
            }
            if (lines.containsKey(number)) {
                problems.add("line " + lineNumber + ": case " + number + " has a line already");
                continue;
            }
            lines.put(number, m.group(2));
            Optional<Prediction> prediction = prediction(m.group(2));
            if (prediction.isEmpty()) {
                problems.add("line " + lineNumber + " (case " + number + "): \"" + m.group(2) + "\" is not ALLOW, "
                        + "DENY <layer> (key-policy, iam-policy, explicit-deny, grant) or ERROR <ExceptionName>");
            } else {
                predictions.put(number, prediction.get());
            }
        }
    }

    private static Optional<Prediction> prediction(String text) {
        String[] words = text.strip().split("\\s+", 2);
        String kind = words[0].toUpperCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        switch (kind) {
            case "ALLOW":
                return rest.isEmpty() ? Optional.of(new Prediction("ALLOW", null)) : Optional.empty();
            case "DENY":
                return Layer.named(rest).map(l -> new Prediction("DENY", l.word()));
            case "ERROR":
                return rest.matches("[A-Za-z]+") ? Optional.of(new Prediction("ERROR", rest)) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** Runs a case in a fresh lab of its own and says what KMS did. */
    private static Run run(Case c) {
        KmsLab lab = KmsLab.builder().startingAt(Instant.parse("2026-02-02T09:00:00Z")).seed(c.number()).build();
        Attempt attempt = c.setUp().apply(lab);
        try {
            attempt.call().accept(attempt.kms());
        } catch (AccessDeniedException e) {
            Optional<PolicyDecision> decision = attempt.kms().lastDecision().filter(d -> !d.allowed());
            if (decision.isEmpty()) {
                return new Run(new Outcome("ERROR", e.errorCode()), "KMS answered " + DecisionWording.of(e)
                        + " without a policy deciding");
            }
            Layer layer = layer(decision.get());
            String grant = layer != Layer.GRANT ? "" : decision.get().grants().stream()
                    .filter(g -> g.granteeMatched()).findFirst()
                    .map(g -> "the caller's only way in, its " + g.describe() + "\n").orElse("");
            return new Run(new Outcome("DENY", layer.word()), grant + "KMS " + DecisionWording.of(decision.get())
                    + "\n  AccessDeniedException: " + e.getMessage());
        } catch (KmsException e) {
            return new Run(new Outcome("ERROR", e.errorCode()), "KMS answered " + DecisionWording.of(e));
        }
        return new Run(Outcome.allow(), "KMS " + attempt.kms().lastDecision().map(DecisionWording::of)
                .orElse("ALLOWED"));
    }

    /** The layer that said no, as the brief defines them. */
    private static Layer layer(PolicyDecision decision) {
        if (decision.rule() == Rule.EXPLICIT_DENY_IN_KEY_POLICY
                || decision.rule() == Rule.EXPLICIT_DENY_IN_IAM_POLICY) {
            return Layer.EXPLICIT_DENY;
        }
        if (decision.grants().stream().anyMatch(g -> g.granteeMatched())) {
            return Layer.GRANT;
        }
        return decision.rule() == Rule.NO_IAM_POLICY_ALLOWS ? Layer.IAM_POLICY : Layer.KEY_POLICY;
    }

    private static Requirement grade(Case c, Prediction prediction, Run run) {
        Outcome actual = run.outcome();
        boolean right = prediction.kind().equals(actual.kind())
                && (actual.detail() == null || normalError(actual.detail()).equals(normalError(prediction.detail())));
        String predicted = prediction.detail() == null ? prediction.kind()
                : prediction.kind() + " " + prediction.detail();
        if (right) {
            return Requirement.met(name(c), actual + ": " + run.explanation());
        }
        StringBuilder why = new StringBuilder();
        why.append("you predicted ").append(predicted).append("; KMS: ").append(actual).append('\n')
                .append(run.explanation());
        if (prediction.kind().equals("ERROR") && normalError(prediction.detail()).equals("accessdenied")
                && actual.kind().equals("DENY")) {
            why.append("\n(AccessDeniedException is a DENY: write \"").append(c.number()).append(": DENY ")
                    .append(actual.detail()).append("\", naming the layer that said no)");
        }
        return Requirement.notMet(name(c), why.toString());
    }

    /** An exception name compared without case and without its "Exception" ending. */
    private static String normalError(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("exception") ? lower.substring(0, lower.length() - "exception".length()) : lower;
    }

    // ------------------------------------------------------------------------------------------ building the cases

    private record Grant(Caller worker, String key, byte[] blob, String token) {
    }

    private static Grant workerGrant(KmsLab lab) {
        String key = key(lab, Kms.defaultKeyPolicy(ACCOUNT));
        byte[] blob = ciphertext(lab, key, Map.of());
        Iam iam = lab.iam(ACCOUNT);
        String role = iam.createRole("Worker");
        String token = lab.kms(Caller.root(ACCOUNT), REGION).createGrant(CreateGrantRequest.of(key, role,
                List.of(GrantOperation.Decrypt))).grantToken();
        return new Grant(iam.assumeRole("Worker", "batch"), key, blob, token);
    }

    private static Kms partner(KmsLab lab, String key) {
        Iam iam = lab.iam(PARTNER_ACCOUNT);
        iam.createRole("Partner");
        iam.putRolePolicy("Partner", "use-key", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Encrypt",
                  "Resource": "%s"}]}""".formatted(key));
        return lab.kms(iam.assumeRole("Partner", "partner"), REGION);
    }

    private static String key(KmsLab lab, String policy) {
        return lab.kms(Caller.root(ACCOUNT), REGION).createKey(CreateKeyRequest.builder().policy(policy).build())
                .keyMetadata().arn();
    }

    private static byte[] ciphertext(KmsLab lab, String key, Map<String, String> context) {
        return lab.kms(Caller.root(ACCOUNT), REGION).encrypt(EncryptRequest.of(key, DATA, context)).ciphertextBlob();
    }

    private static Attempt encrypt(Kms kms, String keyId) {
        return new Attempt(kms, k -> k.encrypt(EncryptRequest.of(keyId, DATA)));
    }

    private static Attempt decrypt(Kms kms, byte[] blob, Map<String, String> context) {
        return new Attempt(kms, k -> k.decrypt(DecryptRequest.of(blob, context)));
    }

    private static String policyNamingDev() {
        return policy(ACCOUNT_STATEMENT, statement("dev uses the key", "arn:aws:iam::" + ACCOUNT + ":user/dev",
                "[\"kms:Encrypt\", \"kms:Decrypt\"]", null));
    }

    private static String statement(String sid, String principal, String actions, String condition) {
        return "{\"Sid\": \"" + sid + "\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + principal
                + "\"}, \"Action\": " + actions + ", \"Resource\": \"*\""
                + (condition == null ? "" : ", \"Condition\": " + condition) + "}";
    }

    private static String policy(String... statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",\n", statements) + "]}";
    }
}
