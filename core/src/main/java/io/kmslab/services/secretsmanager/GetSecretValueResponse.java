package io.kmslab.services.secretsmanager;

import java.time.Instant;
import java.util.List;

/** What GetSecretValue answers: the decrypted value of one version (string or binary) and its staging labels. */
public record GetSecretValueResponse(String arn, String name, String versionId, String secretString,
        byte[] secretBinary, List<String> versionStages, Instant createdDate) {

    public GetSecretValueResponse {
        secretBinary = secretBinary == null ? null : secretBinary.clone();
        versionStages = List.copyOf(versionStages);
    }

    @Override
    public byte[] secretBinary() {
        return secretBinary == null ? null : secretBinary.clone();
    }

    @Override
    public String toString() {
        return "GetSecretValueResponse[arn=" + arn + ", versionId=" + versionId + ", secretString="
                + (secretString == null ? "null" : "*** sensitive ***") + ", secretBinary="
                + (secretBinary == null ? "null" : "*** sensitive ***") + ", versionStages=" + versionStages
                + ", createdDate=" + createdDate + "]";
    }
}
