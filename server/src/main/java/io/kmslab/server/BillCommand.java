package io.kmslab.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kmslab bill}: the KMS bill of an account for a month, from a running endpoint. */
@Command(name = "bill", mixinStandardHelpOptions = true,
        description = "Shows the KMS bill of an account for a month (month to date for the clock's month): key "
                + "fees, rotation surcharges and requests, at the standard prices.")
final class BillCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    EndpointAddress address;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "12-digit account id (default: the lab's "
            + "default account)")
    String account;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "the month (default: the simulated clock's)")
    String month;

    @Option(names = "--json", description = "print the bill as JSON instead of text")
    boolean json;

    @Override
    public Integer call() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("account", account);
        parameters.put("month", month);
        JsonNode bill = new ControlClient(address).getJson("bill", parameters);
        spec.commandLine().getOut().print(json ? bill.toPrettyString() + System.lineSeparator()
                : bill.path("text").asText());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
