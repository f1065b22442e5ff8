package io.kmslab.policy;

/** A statement allows or denies. */
public enum Effect {
    Allow,
    Deny
}
