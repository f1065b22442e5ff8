package io.kmslab.services.secretsmanager;

import java.util.List;

/** What PutSecretValue answers: the new version and its staging labels. */
public record PutSecretValueResponse(String arn, String name, String versionId, List<String> versionStages) {
    public PutSecretValueResponse {
        versionStages = List.copyOf(versionStages);
    }
}
