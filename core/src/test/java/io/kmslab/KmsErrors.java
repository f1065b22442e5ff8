package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.errors.KmsException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call fails with the AWS error code and message KMS gives. */
final class KmsErrors {
    private KmsErrors() {
    }

    static KmsException assertKmsError(ThrowingCallable call, String code, String message) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected %s: %s", code, message).isInstanceOf(KmsException.class);
        KmsException error = (KmsException) thrown;
        assertThat(error.errorCode()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
        return error;
    }
}
