package io.kmslab.scenarios;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature under {@code io/kmslab/scenarios} with the Cucumber engine. Glue, plugins and tag filter come from
 * {@code junit-platform.properties}.
 *
 * <p>{@code verify} runs the suite twice: in-process (the engine called directly), then as execution
 * {@code scenarios-via-endpoint} with {@code -Dkmslab.scenarios.target=endpoint}, where every KMS call goes through the
 * AWS SDK for Java v2 to a KMS Lab endpoint serving the scenario's lab ({@link SdkKms}). That run leaves out the
 * scenarios tagged {@code @in-process} (what a client cannot say over the wire: requests through an AWS service or from a
 * chosen IP address) and {@code @bulk} (tens of thousands of requests); its report is in {@code target/endpoint/}.
 *
 * <pre>cd /work/main &amp;&amp; mvn -B -ntp -o -pl scenarios verify</pre>
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("io.kmslab.scenarios")
public class RunCucumberTest {
}
