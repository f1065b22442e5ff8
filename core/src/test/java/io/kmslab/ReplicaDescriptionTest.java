package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.KeyMetadata;
import io.kmslab.api.ReplicateKeyRequest;
import org.junit.jupiter.api.Test;

/**
 * A replica's description is its own. botocore, ReplicateKeyRequest Description: "The default value is an empty string
 * (no description). [...] The description is not a shared property of multi-Region keys. [...] KMS does not
 * synchronize this property."
 */
class ReplicaDescriptionTest {
    private final KmsLab lab = TestLabs.lab();
    private final Kms virginia = lab.kms("us-east-1");
    private final KeyMetadata primary = virginia.createKey(CreateKeyRequest.builder().multiRegion(true)
            .description("orders, primary in us-east-1").build()).keyMetadata();

    @Test
    void aReplicaMadeWithoutDescription_hasNone_notThePrimarys() {
        KeyMetadata replica = virginia.replicateKey(ReplicateKeyRequest.of(primary.keyId(), "eu-west-1"))
                .replicaKeyMetadata();

        assertThat(replica.description()).isEmpty();
    }

    @Test
    void aReplicaMadeWithADescription_hasThatOne() {
        KeyMetadata replica = virginia.replicateKey(ReplicateKeyRequest.builder().keyId(primary.keyId())
                .replicaRegion("eu-west-1").description("orders, replica in eu-west-1").build())
                .replicaKeyMetadata();

        assertThat(replica.description()).isEqualTo("orders, replica in eu-west-1");
    }
}
