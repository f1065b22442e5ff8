package io.kmslab.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kmslab audit}: the CloudTrail records of a running endpoint, as JSON Lines. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Prints the audit trail of a running endpoint as JSON Lines, one CloudTrail record a line, "
                + "oldest first; every filter given must match.",
            "  kmslab audit --event-name Decrypt | jq -r '.userIdentity.arn + \" \" + (.errorCode // \"ok\")'"})
final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    EndpointAddress address;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "the account whose trail (default: every "
            + "account's; a cross-account call is in both)")
    String account;

    @Option(names = "--event-name", paramLabel = "NAME", description = "the operation (Encrypt, CreateKey, ...) or "
            + "service event (RotateKey, DeleteKey)")
    String eventName;

    @Option(names = "--key-arn", paramLabel = "ARN", description = "events concerning this key ARN")
    String keyArn;

    @Option(names = "--principal", paramLabel = "ARN", description = "events of this caller ARN")
    String principal;

    @Option(names = "--from", paramLabel = "TIME", description = "events at or after this instant or date "
            + "(2026-01-20T09:00:00Z, 2026-01-20), simulated time")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "events before this instant or date")
    String to;

    @Override
    public Integer call() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("account", account);
        parameters.put("eventName", eventName);
        parameters.put("keyArn", keyArn);
        parameters.put("principal", principal);
        parameters.put("from", from);
        parameters.put("to", to);
        spec.commandLine().getOut().print(new ControlClient(address).get("audit", parameters));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
