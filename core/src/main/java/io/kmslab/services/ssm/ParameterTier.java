package io.kmslab.services.ssm;

/**
 * The tier of a parameter, as PutParameter's {@code Tier} names it. A SecureString of the standard tier is encrypted
 * directly under the KMS key (KMS Encrypt, up to 4 KB); one of the advanced tier by envelope encryption (a data key
 * from GenerateDataKey). {@code Intelligent-Tiering} is a request only: Parameter Store stores the parameter as
 * standard when it can and as advanced when it must (a value over 4 KB)
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html).
 */
public enum ParameterTier {
    STANDARD("Standard"),
    ADVANCED("Advanced"),
    INTELLIGENT_TIERING("Intelligent-Tiering");

    private final String awsName;

    ParameterTier(String awsName) {
        this.awsName = awsName;
    }

    /** The name in the SSM API: {@code Standard}, {@code Advanced}, {@code Intelligent-Tiering}. */
    public String awsName() {
        return awsName;
    }

    /** The tier an API name stands for; IllegalArgumentException for any other text. */
    public static ParameterTier fromAwsName(String name) {
        for (ParameterTier tier : values()) {
            if (tier.awsName.equals(name)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("Not a parameter tier: " + name);
    }

    @Override
    public String toString() {
        return awsName;
    }
}
