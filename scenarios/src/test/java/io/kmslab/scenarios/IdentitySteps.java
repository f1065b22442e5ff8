package io.kmslab.scenarios;

import io.cucumber.java.en.Given;
import io.kmslab.Caller;
import io.kmslab.iam.Iam;
import java.util.List;

/** IAM: users and roles of the accounts, role sessions, and the identity-based policies attached to them. */
public class IdentitySteps {
    private final LabWorld world;
    private final AuthorizationWorld access;

    public IdentitySteps(LabWorld world, AuthorizationWorld access) {
        this.world = world;
        this.access = access;
    }

    @Given("the IAM user(s) {names}")
    public void theIamUsers(List<String> names) {
        Iam iam = world.lab().iam(world.account());
        names.forEach(name -> access.remember(name, iam.createUser(name)));
    }

    @Given("{word} is an IAM user of account {account}")
    public void isAnIamUserOfAccount(String name, String account) {
        access.remember(name, world.lab().iam(account).createUser(name));
    }

    @Given("{word} is an IAM user of account {account} with the IAM policy {string}:")
    public void isAnIamUserOfAccountWithThePolicy(String name, String account, String policyName, String policy) {
        isAnIamUserOfAccount(name, account);
        hasTheIamPolicy(name, policyName, policy);
    }

    /** An inline policy of an IAM user: an identity-based policy, so it has no Principal. */
    @Given("{principal} has the IAM policy {string}:")
    public void hasTheIamPolicy(String principal, String policyName, String policy) {
        Caller user = access.principal(principal);
        if (user.kind() != Caller.Kind.IAM_USER) {
            throw new IllegalArgumentException(principal + " is not an IAM user: " + user.arn());
        }
        String userName = user.arn().substring(user.arn().indexOf(":user/") + ":user/".length());
        world.lab().iam(user.accountId()).putUserPolicy(userName, policyName, policy);
    }

    @Given("the IAM role {word} with the IAM policy {string}:")
    public void theIamRoleWithThePolicy(String role, String policyName, String policy) {
        Iam iam = world.lab().iam(world.account());
        iam.createRole(role);
        iam.putRolePolicy(role, policyName, policy);
    }

    /** AssumeRole: the session gets the role's policies; AWS names the session in its messages. */
    @Given("{word} is a session of the IAM role {word}")
    public void isASessionOfTheRole(String session, String role) {
        access.remember(session, world.lab().iam(world.account()).assumeRole(role, session));
    }
}
