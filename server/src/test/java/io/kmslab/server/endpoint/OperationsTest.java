package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.KmsOperation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The endpoint's wire table is the operation catalogue: every entry served under its API name, nothing else. */
class OperationsTest {

    @Test
    void servedOperations_areExactlyTheCatalogue() {
        assertThat(Operations.names()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(KmsOperation.values()).map(KmsOperation::apiName).toList());
        for (KmsOperation operation : KmsOperation.values()) {
            Operations.Operation<?> served = Operations.named(operation.apiName()).orElseThrow();
            assertThat(served.catalogued()).isSameAs(operation);
            assertThat(served.name()).isEqualTo(operation.apiName());
            assertThat(served.requestType()).isEqualTo(operation.requestType());
            assertThat(served.answeredOnIoThread()).isEqualTo(operation.light());
        }
    }

    @Test
    void namesOutsideTheCatalogue_areNotServed() {
        assertThat(Operations.named("encrypt")).isEmpty();
        assertThat(Operations.named("DeriveSecret")).isEmpty();
        assertThat(Operations.named("TrentService.Encrypt")).isEmpty();
        assertThat(Operations.named("")).isEmpty();
    }
}
