package io.kmslab.scenarios;

import io.cucumber.java.en.When;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.keys.KeySpec;
import io.kmslab.keys.KeyUsageType;

/**
 * Requests that name a key's spec by its deprecated name, CustomerMasterKeySpec, as older SDKs and scripts still do
 * (AWS API_CreateKey: "The KeySpec and CustomerMasterKeySpec parameters work the same way. Only the names differ.").
 */
public class DeprecatedParameterSteps {
    private final LabWorld world;

    public DeprecatedParameterSteps(LabWorld world) {
        this.world = world;
    }

    @When("I create {keyRef} naming its spec only by the deprecated CustomerMasterKeySpec {keySpec}, "
            + "for {keyUsage}")
    public void createWithCustomerMasterKeySpec(String name, KeySpec spec, KeyUsageType usage) {
        world.createKey(name, CreateKeyRequest.builder().customerMasterKeySpec(spec).keyUsage(usage).build());
    }

    @When("I try to create a key with KeySpec {keySpec} and CustomerMasterKeySpec {keySpec}, for {keyUsage}")
    public void createWithBoth(KeySpec keySpec, KeySpec customerMasterKeySpec, KeyUsageType usage) {
        world.attempt(() -> world.kms().createKey(CreateKeyRequest.builder().keySpec(keySpec)
                .customerMasterKeySpec(customerMasterKeySpec).keyUsage(usage).build()));
    }
}
