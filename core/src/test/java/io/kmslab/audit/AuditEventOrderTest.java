package io.kmslab.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.EncryptRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventOrderTest {

    @Test
    void anEncryptionContextIsRecordedInKeyOrderWhateverMapItCameIn() {
        KmsLab lab = KmsLab.create();
        var kms = lab.kms("us-east-1");
        String keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("zone", "z");
        reversed.put("record", "r");
        reversed.put("department", "d");
        kms.encrypt(EncryptRequest.of(keyId, new byte[] {1}, reversed));
        AuditEvent encrypt = lab.auditTrail().events().filter(e -> e.eventName().equals("Encrypt")).findFirst()
                .orElseThrow();
        Map<?, ?> context = (Map<?, ?>) encrypt.requestParameters().get("encryptionContext");
        assertEquals(List.of("department", "record", "zone"), List.copyOf(context.keySet()));
    }
}
