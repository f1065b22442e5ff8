package io.kmslab.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmslab.KmsLab;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3 (Debian's python3-boto3, for /usr/bin/python3; .ci/run installs it) against the endpoint: the RequestId boto3
 * reports for a call is the requestID of the call's audit event, explain accepts it, and the event's userAgent is
 * boto3's.
 */
class Boto3Test {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void boto3sRequestId_isTheAuditEventsRequestId_andItsUserAgentIsRecorded() throws Exception {
        assertThat(PYTHON).isExecutable();
        KmsLab lab = KmsLab.create();
        try (KmsEndpoint endpoint = KmsEndpoint.start(lab, Identities.anyKeyIsRootOf("111122223333"), "127.0.0.1",
                0, "us-east-1")) {
            Path script = Files.writeString(dir.resolve("calls.py"), """
                    import json, sys, boto3
                    kms = boto3.client("kms", region_name="eu-west-2", endpoint_url=sys.argv[1],
                                       aws_access_key_id="AKIAEXAMPLE", aws_secret_access_key="example")
                    created = kms.create_key(Description="from boto3")
                    try:
                        kms.describe_key(KeyId="alias/none")
                        missing = None
                    except kms.exceptions.NotFoundException as e:
                        missing = e.response["ResponseMetadata"]["RequestId"]
                    print(json.dumps({"created": created["ResponseMetadata"]["RequestId"],
                                      "keyId": created["KeyMetadata"]["KeyId"], "missing": missing}))
                    """);
            Process process = new ProcessBuilder(PYTHON.toString(), script.toString(),
                    "http://127.0.0.1:" + endpoint.port()).redirectError(dir.resolve("err.txt").toFile()).start();
            String out = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(Files.readString(dir.resolve("err.txt"))).isZero();
            JsonNode ids = new ObjectMapper().readTree(out);
            String created = ids.get("created").asText();
            String missing = ids.get("missing").asText();

            Map<String, AuditEvent> byRequestId = new java.util.HashMap<>();
            lab.auditTrail().query(AuditQuery.account("111122223333"))
                    .forEach(e -> byRequestId.put(e.requestID(), e));
            assertThat(byRequestId.get(created).eventName()).isEqualTo("CreateKey");
            assertThat(byRequestId.get(created).userAgent()).startsWith("Boto3/");
            assertThat(byRequestId.get(missing).eventName()).isEqualTo("DescribeKey");
            assertThat(byRequestId.get(missing).errorCode()).isEqualTo("NotFoundException");

            RawHttp.Response explained = RawHttp.exchange(endpoint.port(), "GET", "/_kmslab/explain/" + created,
                    Map.of(ControlToken.HEADER, endpoint.controlToken()), null);
            assertThat(explained.status()).as(explained.body()).isEqualTo(200);
            assertThat(explained.body()).contains("\"action\" : \"kms:CreateKey\"");
        }
    }
}
