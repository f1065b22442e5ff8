package io.kmslab.scenarios;

import io.cucumber.java.ParameterType;
import io.kmslab.Regions;
import io.kmslab.keys.DataKeySpec;
import io.kmslab.keys.EncryptionAlgorithmSpec;
import io.kmslab.keys.KeyManagerType;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyState;
import io.kmslab.keys.KeyUsageType;
import io.kmslab.keys.MacAlgorithmSpec;
import io.kmslab.keys.MessageType;
import io.kmslab.keys.OriginType;
import io.kmslab.keys.SigningAlgorithmSpec;
import io.kmslab.keys.AlgorithmSpec;
import io.kmslab.keys.ExpirationModelType;
import io.kmslab.keys.KeyMaterialState;
import io.kmslab.keys.MultiRegionKeyType;
import io.kmslab.keys.RotationType;
import io.kmslab.keys.WrappingKeySpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the words of the features into domain types: regions, key specs, states, algorithms, durations, names, kinds
 * of key, months, dollar amounts and request counts.
 */
public final class ParameterTypes {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);
    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+) (day|hour|minute|second|millisecond)s?)?(?:(?: (and|less) )?a moment)?");

    @ParameterType("\\d{4}-\\d{2}-\\d{2}")
    public LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    @ParameterType("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")
    public Instant instant(String text) {
        return Instant.parse(text);
    }

    /** An AWS Region the lab knows, such as eu-west-2. */
    @ParameterType("[a-z]{2}(?:-[a-z]+)+-\\d")
    public String region(String text) {
        return Regions.require(text);
    }

    @ParameterType("\\d{12}")
    public String account(String text) {
        return text;
    }

    /** "the key" or "key A": the names keys are known by within a scenario. */
    @ParameterType("the key|key [A-Z]")
    public String keyRef(String text) {
        return text;
    }

    @ParameterType("SYMMETRIC_DEFAULT|RSA_\\d+|ECC_[A-Z0-9_]+|HMAC_\\d+|SM2|ML_DSA_\\d+|ML_KEM_\\d+")
    public KeySpec keySpec(String text) {
        return KeySpec.valueOf(text);
    }

    @ParameterType("ENCRYPT_DECRYPT|SIGN_VERIFY|GENERATE_VERIFY_MAC|KEY_AGREEMENT|ENCAPSULATE_DECAPSULATE")
    public KeyUsageType keyUsage(String text) {
        return KeyUsageType.valueOf(text);
    }

    @ParameterType("Enabled|Disabled|PendingDeletion|PendingImport|PendingReplicaDeletion|Creating|Updating|Unavailable")
    public KeyState keyState(String text) {
        return KeyState.valueOf(text);
    }

    @ParameterType("AWS|CUSTOMER")
    public KeyManagerType keyManager(String text) {
        return KeyManagerType.valueOf(text);
    }

    @ParameterType("AWS_KMS|EXTERNAL|AWS_CLOUDHSM|EXTERNAL_KEY_STORE")
    public OriginType origin(String text) {
        return OriginType.valueOf(text);
    }

    @ParameterType("SYMMETRIC_DEFAULT|RSAES_OAEP_SHA_1|RSAES_OAEP_SHA_256|SM2PKE")
    public EncryptionAlgorithmSpec encryptionAlgorithm(String text) {
        return EncryptionAlgorithmSpec.valueOf(text);
    }

    @ParameterType("RSASSA_PSS_SHA_\\d+|RSASSA_PKCS1_V1_5_SHA_\\d+|ECDSA_SHA_\\d+|ED25519_SHA_512|ED25519_PH_SHA_512|ML_DSA_SHAKE_256")
    public SigningAlgorithmSpec signingAlgorithm(String text) {
        return SigningAlgorithmSpec.valueOf(text);
    }

    @ParameterType("HMAC_SHA_\\d+")
    public MacAlgorithmSpec macAlgorithm(String text) {
        return MacAlgorithmSpec.valueOf(text);
    }

    @ParameterType("RAW|DIGEST")
    public MessageType messageType(String text) {
        return MessageType.valueOf(text);
    }

    @ParameterType("AES_128|AES_256")
    public DataKeySpec dataKeySpec(String text) {
        return DataKeySpec.valueOf(text);
    }

    /** An AWS error code, as the {@code __type} of an error response names it. */
    @ParameterType("[A-Za-z]+Exception")
    public String errorCode(String text) {
        return text;
    }

    /** An AWS API operation name, such as Encrypt or ScheduleKeyDeletion. */
    @ParameterType("[A-Z][A-Za-z]+")
    public String operation(String text) {
        return text;
    }

    /** A quoted text that may itself contain quotes: everything between the first and the last quote. */
    @ParameterType("\"(.*)\"")
    public String message(String text) {
        return text;
    }

    /** "7 days", "30 days and a moment", "7 days less a moment", "200 milliseconds", "a moment" (one second). */
    @ParameterType("\\d+ (?:day|hour|minute|second|millisecond)s?(?: (?:and|less) a moment)?|a moment")
    public Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a duration: " + text);
        }
        Duration duration = Duration.ZERO;
        if (m.group(1) != null) {
            ChronoUnit unit = switch (m.group(2)) {
                case "day" -> ChronoUnit.DAYS;
                case "hour" -> ChronoUnit.HOURS;
                case "minute" -> ChronoUnit.MINUTES;
                case "millisecond" -> ChronoUnit.MILLIS;
                default -> ChronoUnit.SECONDS;
            };
            duration = Duration.of(Long.parseLong(m.group(1)), unit);
        }
        if (text.endsWith("a moment")) {
            Duration moment = Duration.ofSeconds(1);
            duration = "less".equals(m.group(3)) ? duration.minus(moment) : duration.plus(moment);
        }
        return duration;
    }

    /** "March 2026": a calendar month, as a bill covers one. */
    @ParameterType("(?:January|February|March|April|May|June|July|August|September|October|November|December) \\d{4}")
    public YearMonth month(String text) {
        return YearMonth.parse(text, MONTH);
    }

    /** "$4.92", "$0.000003": an amount in US dollars, exact. */
    @ParameterType("\\$\\d+(?:\\.\\d+)?")
    public BigDecimal money(String text) {
        return new BigDecimal(text.substring(1));
    }

    /** "30,000" or "5": a number of requests, written as a learner writes it. */
    @ParameterType("\\d{1,3}(?:,\\d{3})+|\\d+")
    public Long count(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    @ParameterType("AUTOMATIC|ON_DEMAND")
    public RotationType rotationType(String text) {
        return RotationType.valueOf(text);
    }

    @ParameterType("CURRENT|NON_CURRENT|PENDING_ROTATION")
    public KeyMaterialState keyMaterialState(String text) {
        return KeyMaterialState.valueOf(text);
    }

    @ParameterType("PRIMARY|REPLICA")
    public MultiRegionKeyType multiRegionKeyType(String text) {
        return MultiRegionKeyType.valueOf(text);
    }

    @ParameterType("KEY_MATERIAL_EXPIRES|KEY_MATERIAL_DOES_NOT_EXPIRE")
    public ExpirationModelType expirationModel(String text) {
        return ExpirationModelType.valueOf(text);
    }

    @ParameterType("RSAES_OAEP_SHA_1|RSAES_OAEP_SHA_256|RSA_AES_KEY_WRAP_SHA_1|RSA_AES_KEY_WRAP_SHA_256|RSAES_PKCS1_V1_5")
    public AlgorithmSpec wrappingAlgorithm(String text) {
        return AlgorithmSpec.valueOf(text);
    }

    @ParameterType("RSA_2048|RSA_3072|RSA_4096")
    public WrappingKeySpec wrappingKeySpec(String text) {
        return WrappingKeySpec.valueOf(text);
    }

    /**
     * A kind of KMS key: "the AWS managed key of S3", "a customer managed key", "a customer managed key for imported
     * key material" (nothing imported yet), "a customer managed key with imported key material", "a multi-Region
     * key".
     */
    @ParameterType("the AWS managed key of [A-Za-z0-9]+|a customer managed key with imported key material"
            + "|a customer managed key for imported key material|a customer managed key|a multi-Region key")
    public KeyKind keyKind(String text) {
        return KeyKind.parse(text);
    }
}
