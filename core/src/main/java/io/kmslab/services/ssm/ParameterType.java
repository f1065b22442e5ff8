package io.kmslab.services.ssm;

/**
 * The type of a parameter, as PutParameter's {@code Type} names it: {@code String}, {@code StringList} (items
 * separated by commas) or {@code SecureString} (the value encrypted under a KMS key).
 */
public enum ParameterType {
    STRING("String"),
    STRING_LIST("StringList"),
    SECURE_STRING("SecureString");

    private final String awsName;

    ParameterType(String awsName) {
        this.awsName = awsName;
    }

    /** The name in the SSM API: {@code String}, {@code StringList}, {@code SecureString}. */
    public String awsName() {
        return awsName;
    }

    /** The type an API name stands for; IllegalArgumentException for any other text. */
    public static ParameterType fromAwsName(String name) {
        for (ParameterType type : values()) {
            if (type.awsName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Not a parameter type: " + name);
    }

    @Override
    public String toString() {
        return awsName;
    }
}
