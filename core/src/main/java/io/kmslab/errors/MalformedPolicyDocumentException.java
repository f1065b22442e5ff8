package io.kmslab.errors;

/** A key policy that is not valid JSON, not valid policy grammar, names unknown principals, or would lock you out. */
public final class MalformedPolicyDocumentException extends KmsException {

    public MalformedPolicyDocumentException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "MalformedPolicyDocumentException";
    }
}
