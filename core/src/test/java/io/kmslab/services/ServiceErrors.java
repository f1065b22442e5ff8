package io.kmslab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kmslab.services.common.AwsServiceException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call to a service fails with the service's own error (its code and message as AWS gives them). */
final class ServiceErrors {
    private ServiceErrors() {
    }

    /** Asserts the call fails with {@code service}'s error {@code code} and exactly {@code message}. */
    static AwsServiceException assertServiceError(String service, ThrowingCallable call, String code,
            String message) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected %s %s: %s", service, code, message).isInstanceOf(AwsServiceException.class);
        AwsServiceException error = (AwsServiceException) thrown;
        assertThat(error.service()).isEqualTo(service);
        assertThat(error.errorCode()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
        return error;
    }
}
