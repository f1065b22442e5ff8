package io.kmslab.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded web server quiet: Undertow, XNIO and JBoss Threads log their versions and every start at INFO
 * through jboss-logging. Their loggers are set to WARNING, unless the user has set a level on them already, and
 * jboss-logging is told to log through java.util.logging (it would otherwise pick a logging library the user has,
 * where these levels do not apply). In the kmslab-junit jar the libraries are relocated, and so are these names
 * (the shading rewrites this class's strings as it rewrites theirs): the user's own Undertow or jboss-logging is not
 * touched.
 */
final class QuietLogging {
    /** The property jboss-logging reads to choose where it logs. */
    private static final String PROVIDER_PROPERTY = "org.jboss.logging.provider";
    /** java.util.logging keeps loggers only weakly, and a collected logger forgets its level: these stay. */
    private static final List<Logger> KEPT = new CopyOnWriteArrayList<>();

    private QuietLogging() {
    }

    static void apply() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, "jdk");
        }
        // by name (loggers named by hand) and by package (loggers named after a class, relocated in the jar)
        for (String name : List.of("io.undertow", "org.xnio", "org.jboss", "org.wildfly",
                io.undertow.Undertow.class.getPackageName(), org.xnio.Xnio.class.getPackageName(),
                org.jboss.logging.Logger.class.getPackageName().replaceFirst("\\.logging$", ""))) {
            Logger logger = Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            KEPT.add(logger);
        }
    }
}
