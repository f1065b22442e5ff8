package io.kmslab.scenarios;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature under {@code io/kmslab/scenarios} with the Cucumber engine. Glue, plugins and tag filter come from
 * {@code junit-platform.properties}.
 *
 * <pre>cd /work/main &amp;&amp; mvn -B -ntp -o -pl scenarios verify</pre>
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("io.kmslab.scenarios")
public class RunCucumberTest {
}
