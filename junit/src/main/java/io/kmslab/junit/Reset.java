package io.kmslab.junit;

/** When the extension gives the tests a brand-new lab. */
public enum Reset {
    /**
     * Before every test: each test starts with no key, alias, grant, audit event or meter, the declared principals
     * provisioned again, and the clock back at its start. The default.
     */
    PER_TEST,
    /** Once per test class: the tests of a class share one lab, in the order JUnit runs them. */
    PER_CLASS
}
