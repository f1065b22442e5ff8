package io.kmslab.policy;

import java.util.List;

/**
 * The Principal (or NotPrincipal) of a statement: {@code "*"} (anyone), AWS principals (account ids, account root,
 * IAM user and role ARNs, assumed-role session ARNs, {@code "*"}), and service principals
 * ({@code ec2.amazonaws.com}).
 */
public record PrincipalSpec(boolean anyone, List<String> aws, List<String> services) {
    public PrincipalSpec {
        aws = List.copyOf(aws);
        services = List.copyOf(services);
    }

    @Override
    public String toString() {
        if (anyone) {
            return "\"*\"";
        }
        StringBuilder s = new StringBuilder("{");
        if (!aws.isEmpty()) {
            s.append("AWS: ").append(aws);
        }
        if (!services.isEmpty()) {
            s.append(aws.isEmpty() ? "" : ", ").append("Service: ").append(services);
        }
        return s.append("}").toString();
    }
}
