package io.kmslab.policy;

/** A parsed policy and where it is attached. */
public record NamedPolicy(PolicySource source, PolicyDocument document) {
}
