package io.kmslab.services.ssm;

import io.kmslab.CallContext;
import io.kmslab.Caller;
import io.kmslab.KmsLab;
import io.kmslab.ServiceRoute;
import io.kmslab.api.DecryptRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.GenerateDataKeyRequest;
import io.kmslab.api.GenerateDataKeyResponse;
import io.kmslab.errors.KmsException;
import io.kmslab.keys.Arns;
import io.kmslab.services.common.AwsServiceException;
import io.kmslab.services.common.SealedData;
import io.kmslab.services.common.ServiceAuthorization;
import io.kmslab.services.common.ServiceKms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS Systems Manager Parameter Store in one Region, as one caller uses it: String, StringList and SecureString
 * parameters, the standard and the advanced tier. Only SecureStrings involve KMS, and only as AWS documents it
 * (https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html):
 *
 * <ul>
 *   <li>every KMS call is made for the caller, through SSM ({@code kms:ViaService} = {@code ssm.<region>.amazonaws.com}),
 *       with the encryption context {@code {"PARAMETER_ARN": "arn:aws:ssm:<region>:<account>:parameter/<name>"}};</li>
 *   <li>standard tier: PutParameter calls KMS Encrypt with the value itself (at most 4 KB, within KMS's 4,096-byte
 *       plaintext limit); GetParameter with decryption calls Decrypt;</li>
 *   <li>advanced tier: envelope encryption: PutParameter calls GenerateDataKey and encrypts the value (up to 8 KB)
 *       under the data key; GetParameter with decryption calls Decrypt on the data key, and Parameter Store checks
 *       the encryption context before it answers;</li>
 *   <li>GetParameter without {@code WithDecryption} makes no KMS call and answers the encrypted value;</li>
 *   <li>no KeyId: the AWS managed key {@code alias/aws/ssm}, created on first use, which every principal of the
 *       account may use through SSM (only an explicit Deny narrows it).</li>
 * </ul>
 *
 * <p>Parameter Store's own actions ({@code ssm:PutParameter}, {@code ssm:GetParameter}...) are authorized against the
 * caller's IAM policies first ({@link ServiceAuthorization}); the root user may do everything in its account.
 */
public final class Ssm {
    static final String SERVICE = "ssm";
    /** The AWS managed key Parameter Store uses when a SecureString names none. */
    public static final String DEFAULT_KEY = "alias/aws/ssm";
    /** The encryption context key of every SecureString (services-parameter-store.html, "encryption context"). */
    public static final String CONTEXT_KEY = "PARAMETER_ARN";

    // "Standard parameters have a value limit of 4 KB. Advanced parameters have a value limit of 8 KB."
    // (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html, Value). AWS's error
    // counts "characters"; KMS Lab counts the UTF-8 bytes of the value, which is what must fit KMS's 4,096-byte
    // plaintext limit (the same for ASCII values).
    static final int STANDARD_LIMIT = 4096;
    static final int ADVANCED_LIMIT = 8192;

    // "Parameter names can include only the following symbols and letters: a-zA-Z0-9_.-" and "/" for hierarchies,
    // "can't be prefixed with "aws" or "ssm" (case-insensitive)", "a maximum depth of fifteen levels"
    // (API_PutParameter.html, Name).
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
    private static final Pattern RESERVED = Pattern.compile("(?i)/?(aws|ssm).*");
    private static final int MAX_NAME = 1011;
    private static final int MAX_LEVELS = 15;

    private final KmsLab lab;
    private final Caller caller;
    private final String region;
    private final ServiceKms kms;
    private final ParameterStore store;

    public Ssm(KmsLab lab, Caller caller, String region) {
        this.lab = lab;
        this.caller = caller;
        this.region = io.kmslab.Regions.require(region);
        // AWS documents no CloudTrail example of Parameter Store's KMS calls: KMS Lab shows SSM as Secrets Manager's
        // documented events show their service (invokedBy, source address and user agent "ssm.amazonaws.com").
        this.kms = new ServiceKms(lab, caller, ServiceRoute.invokedBy(SERVICE, region));
        this.store = lab.attached(ParameterStore.class, ParameterStore::new);
    }

    public String region() {
        return region;
    }

    public Caller caller() {
        return caller;
    }

    /**
     * The ARN of a parameter of this caller's account and Region. A name in a hierarchy starts with a slash, which the
     * ARN does not repeat: {@code /prod/db} is {@code arn:aws:ssm:<region>:<account>:parameter/prod/db}, {@code db}
     * is {@code ...:parameter/db} (services-parameter-store.html: "If the parameter is in a Parameter Store
     * hierarchical path, the path and name are included in the encryption context", with its two examples).
     */
    public String parameterArn(String name) {
        return "arn:aws:ssm:" + region + ":" + caller.accountId() + ":parameter"
                + (name.startsWith("/") ? name : "/" + name);
    }

    // ------------------------------------------------------------------------------------------ PutParameter

    /** PutParameter: creates a parameter or, with {@code overwrite}, replaces its value as a new version. */
    public PutParameterResponse putParameter(PutParameterRequest request) {
        String name = validName(request.name());
        String arn = parameterArn(name);
        authorize("ssm:PutParameter", arn);
        if (request.value() == null || request.value().isEmpty()) {
            throw validation("1 validation error detected: Value at 'value' failed to satisfy constraint: Member must "
                    + "have length greater than or equal to 1"); // the API's minimum length (unconfirmed text)
        }
        byte[] value = request.value().getBytes(StandardCharsets.UTF_8);
        synchronized (store) {
            Optional<StoredParameter> existing = store.get(caller.accountId(), region, name);
            if (existing.isPresent() && !request.overwrite()) {
                // https://github.com/aws-ia/terraform-aws-control_tower_account_factory/issues/166 (AWS's answer)
                throw new AwsServiceException(SERVICE, "ParameterAlreadyExists", 400,
                        "The parameter already exists. To overwrite this value, set the overwrite option in the "
                                + "request to true.");
            }
            ParameterType type = request.type() != null ? request.type()
                    : existing.map(StoredParameter::type).orElseThrow(() -> validation(
                            // "You must specify a parameter type when creating a parameter." (API_PutParameter.html,
                            // Type); the error's wording is KMS Lab's (unconfirmed)
                            "A parameter type is required when you create a parameter."));
            if (request.keyId() != null && type != ParameterType.SECURE_STRING) {
                // KeyId is "Required for parameters that use the SecureString data type" (API_PutParameter.html);
                // SSM refuses it on other types with a ValidationException (wording unconfirmed)
                throw validation("KeyId is required for SecureString type parameter only.");
            }
            ParameterTier tier = tier(request.tier(), existing, value.length);
            String keyId = type == ParameterType.SECURE_STRING
                    ? (request.keyId() != null ? request.keyId() : DEFAULT_KEY) : null;
            byte[] encrypted = null;
            if (type == ParameterType.SECURE_STRING) {
                Map<String, String> context = Map.of(CONTEXT_KEY, arn);
                if (namesDefaultKey(keyId)) {
                    // "If you do not specify a CMK, Parameter Store uses the AWS managed CMK that Systems Manager
                    // automatically creates in your account" (services-parameter-store.html)
                    kms.kms().awsManagedKey(SERVICE);
                }
                encrypted = tier == ParameterTier.STANDARD ? encryptStandard(keyId, value, context)
                        : encryptAdvanced(keyId, value, context);
            }
            long version = existing.map(p -> p.version() + 1).orElse(1L);
            Instant now = lab.time().instant();
            store.put(caller.accountId(), region, new StoredParameter(name, arn, type, tier, keyId,
                    request.description() != null ? request.description()
                            : existing.map(StoredParameter::description).orElse(null),
                    type == ParameterType.SECURE_STRING ? null : request.value(), encrypted, version, now,
                    caller.arn()));
            return new PutParameterResponse(version, tier);
        }
    }

    /**
     * The tier a parameter is stored in: the requested one; without a request, Standard for a new parameter and the
     * parameter's own tier for an existing one (unconfirmed: AWS applies the Region's default tier setting, which KMS
     * Lab does not simulate, so an advanced parameter is never downgraded by omission); Intelligent-Tiering chooses
     * Advanced only when the value needs it or the parameter already is. Standard to Advanced is allowed, never back.
     */
    private ParameterTier tier(ParameterTier requested, Optional<StoredParameter> existing, int size) {
        boolean wasAdvanced = existing.map(p -> p.tier() == ParameterTier.ADVANCED).orElse(false);
        ParameterTier tier = requested == null ? (wasAdvanced ? ParameterTier.ADVANCED : ParameterTier.STANDARD)
                : requested == ParameterTier.INTELLIGENT_TIERING
                        ? (wasAdvanced || size > STANDARD_LIMIT ? ParameterTier.ADVANCED : ParameterTier.STANDARD)
                        : requested;
        if (tier == ParameterTier.STANDARD && wasAdvanced) {
            // "You can change a standard parameter to an advanced parameter any time. But you can't revert an advanced
            // parameter to a standard parameter." (API_PutParameter.html, Tier). AWS's words, as recorded in
            // https://github.com/go-to-k/cdk-real-drift/pull/408: "You can't downgrade a parameter from the
            // advanced-parameter tier to the standard-parameter tier"; the error code is unconfirmed.
            throw validation("You can't downgrade a parameter from the advanced-parameter tier to the "
                    + "standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it "
                    + "as a standard parameter.");
        }
        if (tier == ParameterTier.STANDARD && size > STANDARD_LIMIT) {
            // AWS's answer, recorded in https://github.com/hashicorp/terraform-provider-aws/issues/18521 and
            // https://github.com/aws/aws-sdk-net/issues/3157
            throw validation("Standard tier parameters support a maximum parameter value of 4096 characters. To "
                    + "create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For "
                    + "more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                    + "parameter-store-advanced-parameters.html");
        }
        if (tier == ParameterTier.ADVANCED && size > ADVANCED_LIMIT) {
            // the 8 KB limit is documented (API_PutParameter.html, Value); this wording is KMS Lab's (unconfirmed)
            throw validation("Advanced tier parameters support a maximum parameter value of 8192 characters.");
        }
        return tier;
    }

    /** Standard tier: "Parameter Store calls the AWS KMS Encrypt API with the CMK and the plaintext parameter value". */
    private byte[] encryptStandard(String keyId, byte[] value, Map<String, String> context) {
        return kms.call(k -> k.encrypt(EncryptRequest.of(keyId, value, context)), this::kmsFailure)
                .ciphertextBlob();
    }

    /**
     * Advanced tier: "The AWS Encryption SDK sends a GenerateDataKey request to AWS KMS with the identifier of the CMK
     * that you specified and the Parameter Store encryption context" (services-parameter-store.html). A 32-byte key,
     * as the Encryption SDK asks for its AES-256 suites (NumberOfBytes, not KeySpec); whether SSM's suite also adds
     * the SDK's {@code aws-crypto-public-key} context pair is unconfirmed and not simulated.
     */
    private byte[] encryptAdvanced(String keyId, byte[] value, Map<String, String> context) {
        GenerateDataKeyResponse dataKey = kms.call(k -> k.generateDataKey(GenerateDataKeyRequest.builder()
                .keyId(keyId).encryptionContext(context).numberOfBytes(32).build()), this::kmsFailure);
        byte[] plaintextKey = dataKey.plaintext();
        try {
            String arn = context.get(CONTEXT_KEY);
            SealedData sealed = SealedData.seal(plaintextKey, value, ParameterEnvelope.aad(CONTEXT_KEY, arn),
                    lab.randomness());
            return new ParameterEnvelope(dataKey.ciphertextBlob(), CONTEXT_KEY, arn, sealed).toBytes();
        } finally {
            Arrays.fill(plaintextKey, (byte) 0);
        }
    }

    // ------------------------------------------------------------------------------------------ GetParameter(s)

    /**
     * GetParameter. AWS answers ParameterNotFound with an empty message (as recorded in
     * https://github.com/aws/aws-sdk-js/issues/4330 and https://github.com/awslabs/aws-simple-cicd/issues/10).
     */
    public GetParameterResponse getParameter(GetParameterRequest request) {
        String name = nameOf(request.name());
        authorize("ssm:GetParameter", parameterArn(name));
        synchronized (store) {
            StoredParameter parameter = store.get(caller.accountId(), region, name)
                    .orElseThrow(() -> new AwsServiceException(SERVICE, "ParameterNotFound", 400, ""));
            return new GetParameterResponse(read(parameter, request.withDecryption()));
        }
    }

    /** GetParameters: the names found, in the order asked; the others as InvalidParameters. */
    public GetParametersResponse getParameters(GetParametersRequest request) {
        if (request.names().isEmpty() || request.names().size() > 10) {
            // the API's list bounds (1 to 10 names); the wording is the AWS validation form (unconfirmed text)
            throw validation("1 validation error detected: Value at 'names' failed to satisfy constraint: Member must "
                    + "have length less than or equal to 10 and greater than or equal to 1");
        }
        List<Parameter> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        synchronized (store) {
            for (String asked : request.names()) {
                String name = nameOf(asked);
                authorize("ssm:GetParameters", parameterArn(name));
                Optional<StoredParameter> parameter = store.get(caller.accountId(), region, name);
                if (parameter.isPresent()) {
                    found.add(read(parameter.get(), request.withDecryption()));
                } else {
                    invalid.add(asked);
                }
            }
        }
        return new GetParametersResponse(found, invalid);
    }

    private Parameter read(StoredParameter parameter, boolean withDecryption) {
        String value;
        if (parameter.type() != ParameterType.SECURE_STRING) {
            value = parameter.plainValue();
        } else if (!withDecryption) {
            // "When you get a secure string parameter from Parameter Store, its value is encrypted"
            // (services-parameter-store.html): the stored ciphertext, base64 as the API carries it; no KMS call
            value = Base64.getEncoder().encodeToString(parameter.encrypted());
        } else {
            value = new String(parameter.tier() == ParameterTier.ADVANCED ? decryptAdvanced(parameter)
                    : decryptStandard(parameter), StandardCharsets.UTF_8);
        }
        return new Parameter(parameter.name(), parameter.type(), value, parameter.version(),
                parameter.lastModifiedDate(), parameter.arn(), "text");
    }

    /** "Parameter Store sends a Decrypt request to AWS KMS with the encrypted ... value and the ... context". */
    private byte[] decryptStandard(StoredParameter parameter) {
        return kms.call(k -> k.decrypt(DecryptRequest.of(parameter.encrypted(),
                Map.of(CONTEXT_KEY, parameter.arn()))), this::kmsFailure).plaintext();
    }

    /**
     * Decrypt of the data key with the context stored in the envelope, then "Parameter Store verifies the encryption
     * context and returns the plaintext parameter value" (services-parameter-store.html).
     */
    private byte[] decryptAdvanced(StoredParameter parameter) {
        ParameterEnvelope envelope = ParameterEnvelope.fromBytes(parameter.encrypted());
        if (!envelope.contextKey().equals(CONTEXT_KEY) || !envelope.contextValue().equals(parameter.arn())) {
            // the value was encrypted for another parameter: Parameter Store refuses it (its error is unconfirmed)
            throw new AwsServiceException(SERVICE, "InternalServerError", 500,
                    "The encrypted value does not belong to parameter " + parameter.name() + " (unconfirmed).");
        }
        byte[] dataKey = kms.call(k -> k.decrypt(DecryptRequest.of(envelope.encryptedDataKey(),
                envelope.encryptionContext())), this::kmsFailure).plaintext();
        try {
            return envelope.sealed().open(dataKey, ParameterEnvelope.aad(CONTEXT_KEY, parameter.arn()));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    // ------------------------------------------------------------------------------------------ Delete, Describe

    /** DeleteParameter: the parameter and its value are gone at once (no KMS call). */
    public void deleteParameter(DeleteParameterRequest request) {
        String name = nameOf(request.name());
        authorize("ssm:DeleteParameter", parameterArn(name));
        synchronized (store) {
            if (!store.remove(caller.accountId(), region, name)) {
                throw new AwsServiceException(SERVICE, "ParameterNotFound", 400, "");
            }
        }
    }

    /**
     * DescribeParameters: metadata only, with the KMS key of each SecureString. The action has no resource-level
     * permissions: it is authorized on {@code arn:aws:ssm:<region>:<account>:*}.
     */
    public DescribeParametersResponse describeParameters(DescribeParametersRequest request) {
        authorize("ssm:DescribeParameters", "arn:aws:ssm:" + region + ":" + caller.accountId() + ":*");
        for (ParameterStringFilter filter : request.parameterFilters()) {
            if (filter.key() == null || !List.of("Name", "Type", "KeyId", "Tier").contains(filter.key())) {
                // AWS supports more keys (Path, DataType, Label, tag:...); KMS Lab these four
                throw new AwsServiceException(SERVICE, "InvalidFilterKey", 400,
                        "KMS Lab filters parameters by Name, Type, KeyId and Tier only, not by " + filter.key());
            }
            String option = filter.option() == null ? "Equals" : filter.option();
            if (!option.equals("Equals") && !(option.equals("BeginsWith") && filter.key().equals("Name"))) {
                throw new AwsServiceException(SERVICE, "InvalidFilterOption", 400,
                        "The option " + option + " is not valid for the key " + filter.key() + ".");
            }
        }
        List<ParameterMetadata> found = new ArrayList<>();
        synchronized (store) {
            for (StoredParameter parameter : store.all(caller.accountId(), region)) {
                if (request.parameterFilters().stream().allMatch(f -> matches(f, parameter))) {
                    found.add(parameter.metadata());
                }
            }
        }
        return new DescribeParametersResponse(found);
    }

    private static boolean matches(ParameterStringFilter filter, StoredParameter parameter) {
        String actual = switch (filter.key()) {
            case "Name" -> parameter.name();
            case "Type" -> parameter.type().awsName();
            case "KeyId" -> parameter.keyId();
            default -> parameter.tier().awsName();
        };
        if (actual == null) {
            return false;
        }
        boolean beginsWith = "BeginsWith".equals(filter.option());
        return filter.values().stream().anyMatch(v -> beginsWith ? actual.startsWith(v) : actual.equals(v));
    }

    // ------------------------------------------------------------------------------------------ errors, names

    /**
     * A KMS error as Parameter Store answers it: the KMS message followed by the AWS SDK's description of the KMS
     * call, as recorded from real AWS, e.g. "AccessDeniedException: User: ... is not authorized to perform:
     * kms:Decrypt on resource: ... because no resource-based policy allows the kms:Decrypt action (Service: AWSKMS;
     * Status Code: 400; Error Code: AccessDeniedException; Request ID: ...; Proxy: null)"
     * (https://github.com/hashicorp/terraform-provider-aws/issues/42849) and "InvalidKeyId: Key 'arn:...' does not
     * exist (Service: AWSKMS; Status Code: 400; Error Code: NotFoundException; ...)"
     * (https://github.com/binxio/aws-ssm-copy/issues/10). A key that is not enabled: "Parameter Store returns an
     * InvalidKeyId exception with a detailed error message from AWS KMS" (services-parameter-store.html,
     * "Troubleshooting"). A KMS denial is AccessDeniedException; every other key problem InvalidKeyId.
     */
    private AwsServiceException kmsFailure(ServiceKms.Failure failure) {
        KmsException error = failure.error();
        String requestId = kms.kms().lastCall().map(CallContext::requestId).orElse("");
        String message = error.getMessage() + " (Service: AWSKMS; Status Code: " + error.httpStatus()
                + "; Error Code: " + error.errorCode() + "; Request ID: " + requestId + "; Proxy: null)";
        return switch (error.errorCode()) {
            case "AccessDeniedException" -> failure.as(SERVICE, "AccessDeniedException", 400, message);
            // KMS's own fault and its throttling are not key problems (their SSM codes are unconfirmed)
            case "KMSInternalException" -> failure.as(SERVICE, "InternalServerError", 500, message);
            case "ThrottlingException" -> failure.as(SERVICE, "ThrottlingException", 400, message);
            default -> failure.as(SERVICE, "InvalidKeyId", 400, message);
        };
    }

    private void authorize(String action, String arn) {
        ServiceAuthorization.Decision decision = ServiceAuthorization.decide(lab, caller, action, arn,
                caller.accountId(), arn, null);
        if (!decision.allowed()) {
            throw new ServiceAuthorization.AccessDenied(SERVICE, decision);
        }
    }

    private static AwsServiceException validation(String message) {
        return new AwsServiceException(SERVICE, "ValidationException", 400, message);
    }

    /** A name as PutParameter accepts it; ValidationException otherwise (AWS's wording of these is unconfirmed). */
    private static String validName(String name) {
        if (name == null || name.isEmpty()) {
            throw validation("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must "
                    + "have length greater than or equal to 1");
        }
        if (name.startsWith("arn:")) {
            // "You can't enter the Amazon Resource Name (ARN) for a parameter, only the parameter name itself."
            throw validation("Parameter name: can't be an ARN in PutParameter; give the name itself.");
        }
        if (!NAME.matcher(name).matches()) {
            throw validation("Parameter name: can include only the following symbols and letters: a-zA-Z0-9_.-/");
        }
        if (name.contains("/") && !name.startsWith("/")) {
            throw validation("Parameter name must be a fully qualified name.");
        }
        if (RESERVED.matcher(name).matches()) {
            throw validation("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
        }
        if (name.length() > MAX_NAME) {
            throw validation("Parameter name: the maximum length is 1011 characters.");
        }
        if (name.chars().filter(c -> c == '/').count() > MAX_LEVELS) {
            throw new AwsServiceException(SERVICE, "HierarchyLevelLimitExceededException", 400,
                    "Parameter hierarchies are limited to a maximum depth of fifteen levels.");
        }
        return name;
    }

    /**
     * The name a GetParameter or DeleteParameter request means: a name, or the ARN of a parameter of this account and
     * Region. A parameter of another account (shared through AWS RAM) is not simulated: its ARN is not found.
     */
    private String nameOf(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            throw validation("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must "
                    + "have length greater than or equal to 1");
        }
        String prefix = "arn:aws:ssm:" + region + ":" + caller.accountId() + ":parameter/";
        if (nameOrArn.startsWith(prefix)) {
            String rest = nameOrArn.substring(prefix.length());
            // names in a hierarchy start with a slash; a plain name has none, so the ARN says which it is
            return rest.contains("/") ? "/" + rest : rest;
        }
        return nameOrArn;
    }

    /** Whether a KMS key id names {@code alias/aws/ssm} (by alias name or alias ARN). */
    static boolean namesDefaultKey(String keyId) {
        return keyId != null && (keyId.equals(DEFAULT_KEY) || Arns.parse(keyId)
                .map(a -> a.isAlias() && a.aliasName().equals(DEFAULT_KEY)).orElse(false));
    }
}
