package io.kmslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.DisableKeyRequest;
import io.kmslab.api.EncryptRequest;
import io.kmslab.api.ListKeysRequest;
import io.kmslab.audit.AuditEvent;
import io.kmslab.audit.AuditQuery;
import io.kmslab.errors.AccessDeniedException;
import io.kmslab.policy.PolicyDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Each call has one context: its request id joins its answer, its audit event and its decision. */
class CallContextTest {

    @Test
    void aCallsRequestId_isItsEventsRequestId_andFindsItsDecision() {
        KmsLab lab = KmsLab.create();
        Kms kms = lab.kms("eu-west-2").forRequest("11111111-2222-4333-8444-555555555555", "aws-cli/2.9.19");
        String keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        CallContext call = kms.lastCall().orElseThrow();
        assertThat(call.requestId()).isEqualTo("11111111-2222-4333-8444-555555555555");
        assertThat(call.operation()).isEqualTo("CreateKey");
        assertThat(call.keyArns()).singleElement().asString().endsWith(keyId);
        AuditEvent event = lab.auditTrail().query(AuditQuery.account(lab.defaultAccount())).get(0);
        assertThat(event.requestID()).isEqualTo(call.requestId());
        assertThat(event.userAgent()).isEqualTo("aws-cli/2.9.19");
        assertThat(lab.decision(call.requestId())).containsSame(call.decision().orElseThrow());
    }

    @Test
    void javaApiCalls_eachHaveANewRequestId_andTheJavaUserAgent() {
        KmsLab lab = KmsLab.create();
        Kms kms = lab.kms("eu-west-2");
        kms.listKeys(ListKeysRequest.of());
        String first = kms.lastCall().orElseThrow().requestId();
        kms.listKeys(ListKeysRequest.of());
        String second = kms.lastCall().orElseThrow().requestId();
        assertThat(first).isNotEqualTo(second).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(lab.auditTrail().query(AuditQuery.account(lab.defaultAccount())))
                .extracting(AuditEvent::requestID, AuditEvent::userAgent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, CallContext.JAVA_USER_AGENT),
                        org.assertj.core.groups.Tuple.tuple(second, CallContext.JAVA_USER_AGENT));
    }

    /**
     * Eight threads of handles of the same lab, half allowed and half denied, at the same time: each handle's last
     * decision, and the lab's decision by request id, is that call's own (before, one lab-wide field held the last
     * decision of any call).
     */
    @Test
    void concurrentCalls_eachKeepTheirOwnDecision() throws Exception {
        KmsLab lab = KmsLab.create();
        String keyId = lab.kms("eu-west-2").createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        lab.iam().createUser("bob");
        Caller bob = Caller.user(lab.defaultAccount(), "bob");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CallContext>> calls = new ArrayList<>();
            for (int i = 0; i < 8 * 200; i++) {
                boolean root = i % 2 == 0;
                String requestId = "req-" + i;
                calls.add(pool.submit((Callable<CallContext>) () -> {
                    Kms kms = (root ? lab.kms("eu-west-2") : lab.kms(bob, "eu-west-2"))
                            .forRequest(requestId, null);
                    if (root) {
                        kms.encrypt(EncryptRequest.of(keyId, new byte[] {1}));
                    } else {
                        catchThrowableOfType(AccessDeniedException.class,
                                () -> kms.disableKey(DisableKeyRequest.of(keyId)));
                    }
                    return kms.lastCall().orElseThrow();
                }));
            }
            for (int i = 0; i < calls.size(); i++) {
                CallContext call = calls.get(i).get();
                PolicyDecision decision = call.decision().orElseThrow();
                boolean root = i % 2 == 0;
                assertThat(call.requestId()).isEqualTo("req-" + i);
                assertThat(decision.allowed()).isEqualTo(root);
                assertThat(decision.request().action()).isEqualTo(root ? "kms:Encrypt" : "kms:DisableKey");
                assertThat(decision.request().callerArn()).isEqualTo(call.caller().arn());
                assertThat(lab.decision("req-" + i)).containsSame(decision);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLabKeepsTheDecisionsOfItsLastCalls_only() {
        RecentDecisions decisions = new RecentDecisions(2);
        KmsLab lab = KmsLab.create();
        lab.kms("eu-west-2").listKeys(ListKeysRequest.of());
        PolicyDecision decision = lab.lastDecision().orElseThrow();
        decisions.record("first", decision);
        decisions.record("second", decision);
        decisions.record("third", decision);
        assertThat(decisions.find("first")).isEmpty();
        assertThat(decisions.find("second")).containsSame(decision);
        assertThat(decisions.find("third")).containsSame(decision);
        assertThat(decisions.newest()).containsSame(decision);
    }

    @Test
    void aCallThatDecidesTwice_isExplainedByItsLastDecision() {
        RecentDecisions decisions = new RecentDecisions(3);
        assertThat(decisions.newest()).isEmpty();
        assertThat(decisions.find("reencrypt")).isEmpty();
        KmsLab lab = KmsLab.create();
        lab.kms("eu-west-2").listKeys(ListKeysRequest.of());
        PolicyDecision from = lab.lastDecision().orElseThrow();
        lab.kms("eu-west-2").listAliases(io.kmslab.api.ListAliasesRequest.of());
        PolicyDecision to = lab.lastDecision().orElseThrow();
        assertThat(to).isNotSameAs(from);
        decisions.record("reencrypt", from);
        decisions.record("reencrypt", to);
        assertThat(decisions.find("reencrypt")).containsSame(to);
        // around the ring: the oldest slots are overwritten, the newer ones stay
        decisions.record("a", from);
        decisions.record("b", from);
        assertThat(decisions.find("reencrypt")).as("its second decision is still kept").containsSame(to);
        decisions.record("c", from);
        assertThat(decisions.find("reencrypt")).isEmpty();
        assertThat(decisions.find("a")).containsSame(from);
        assertThat(decisions.newest()).containsSame(from);
    }
}
