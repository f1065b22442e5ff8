package io.kmslab.junit;

import io.kmslab.KmsLab;
import io.kmslab.Regions;
import io.kmslab.time.SimulatedClock;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A JUnit 5 extension that serves the tests of a class with a KMS Lab endpoint: it starts one on a free loopback port
 * before the class's first test, gives the tests a brand-new lab before each test ({@link Reset#PER_TEST}, the default)
 * or once for the class ({@link Reset#PER_CLASS}), and stops it after the class.
 *
 * <p>It injects, as test, lifecycle-method or constructor parameters and into {@link InjectLab} fields: an AWS SDK v2
 * {@link KmsClient} pointed at the endpoint and signed as a declared principal (see {@link AccessKey}), the
 * {@link RunningLab} (explain a call, reset, advance the clock), the endpoint's {@link URI}, and the {@link KmsLab} and
 * its {@link SimulatedClock} served at that moment.
 *
 * <pre>{@code
 * @KmsLabTest
 * class DefaultsTest {                        // any access key is the root user of account 111122223333
 *     @Test
 *     void encrypts(KmsClient kms) { ... }
 * }
 *
 * class PrincipalsTest {
 *     @RegisterExtension
 *     static final KmsLabExtension LAB = KmsLabExtension.builder()
 *             .principal(LabPrincipal.root("111122223333").accessKey("AKIAROOT"))
 *             .principal(LabPrincipal.user("111122223333", "alice").accessKey("AKIAALICE").allow("kms:Encrypt"))
 *             .region("eu-west-2")
 *             .lab(lab -> lab.seed(7))                                  // any KmsLab.Builder setting
 *             .build();
 *
 *     @Test
 *     void aliceCannotDecrypt(KmsClient root, @AccessKey("AKIAALICE") KmsClient alice, RunningLab lab) { ... }
 * }
 * }</pre>
 *
 * Undertow's and XNIO's INFO lines are not logged unless {@link Builder#quietLogging(boolean)} says so.
 */
public final class KmsLabExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    /** The Region of the clients unless told. */
    public static final String DEFAULT_REGION = "us-east-1";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            KmsLabExtension.class);

    /** How the extension serves the tests; see {@link Builder}. */
    public record Settings(List<LabPrincipal> principals, String region, Reset reset, Consumer<KmsLab.Builder> lab,
            boolean quietLogging) {
        public Settings {
            principals = List.copyOf(principals);
            if (!Regions.isKnown(region)) {
                throw new IllegalArgumentException("unknown Region '" + region + "'; KMS Lab knows " + Regions.ALL);
            }
            Objects.requireNonNull(reset, "reset");
            Objects.requireNonNull(lab, "lab");
        }

        static Settings defaults() {
            return new Settings(List.of(), DEFAULT_REGION, Reset.PER_TEST, builder -> { }, true);
        }
    }

    /** Builds an extension to register with {@code @RegisterExtension} on a static field. */
    public static final class Builder {
        private final List<LabPrincipal> principals = new ArrayList<>();
        private String region = DEFAULT_REGION;
        private Reset reset = Reset.PER_TEST;
        private Consumer<KmsLab.Builder> lab = builder -> { };
        private boolean quietLogging = true;

        private Builder() {
        }

        /**
         * Declares a principal the endpoint accepts (with its access key). Once one is declared only declared access
         * keys are accepted and signatures are verified; the first declared is the one the injected client signs as.
         */
        public Builder principal(LabPrincipal principal) {
            principals.add(Objects.requireNonNull(principal, "principal"));
            return this;
        }

        /** The Region the injected clients call ({@value KmsLabExtension#DEFAULT_REGION} unless told). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** When the tests get a brand-new lab. */
        public Builder reset(Reset reset) {
            this.reset = Objects.requireNonNull(reset, "reset");
            return this;
        }

        /**
         * Settings of every lab served, on {@link KmsLab#builder()}: {@code lab -> lab.seed(7)
         * .startingAt(Instant.parse("2026-01-01T00:00:00Z")).defaultAccount("444455556666")}.
         */
        public Builder lab(Consumer<KmsLab.Builder> settings) {
            this.lab = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Whether Undertow's and XNIO's INFO lines are dropped (true unless told). */
        public Builder quietLogging(boolean quiet) {
            this.quietLogging = quiet;
            return this;
        }

        public KmsLabExtension build() {
            return new KmsLabExtension(new Settings(principals, region, reset, lab, quietLogging));
        }
    }

    /** The endpoint of a test class, closed by JUnit after the class. */
    private static final class Served implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final RunningLab lab;
        private final Reset reset;
        private boolean used;

        Served(RunningLab lab, Reset reset) {
            this.lab = lab;
            this.reset = reset;
        }

        @Override
        public void close() {
            lab.close();
        }
    }

    private final Settings settings;

    /** The extension as {@code @ExtendWith} or {@link KmsLabTest} registers it: default settings or the annotation's. */
    public KmsLabExtension() {
        this.settings = null;
    }

    private KmsLabExtension(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings of this extension (for a declaratively registered one, the defaults). */
    public Settings settings() {
        return settings != null ? settings : Settings.defaults();
    }

    /**
     * Starts an endpoint with this extension's settings outside JUnit's lifecycle (in a {@code main}, a benchmark);
     * the caller closes it.
     */
    public RunningLab start() {
        return RunningLab.start(settings());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Served served = served(context);
        injectFields(context.getRequiredTestClass(), null, served.lab, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Served served = served(context);
        synchronized (served) {
            if (served.reset == Reset.PER_TEST && served.used) {
                served.lab.reset();
            }
            served.used = true;
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance.getClass(), instance, served.lab, false);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return injectable(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return value(parameter.getParameter().getType(), parameter.findAnnotation(AccessKey.class),
                served(context).lab);
    }

    private static boolean injectable(Class<?> type) {
        return type == KmsClient.class || type == RunningLab.class || type == URI.class || type == KmsLab.class
                || type == SimulatedClock.class;
    }

    private static Object value(Class<?> type, Optional<AccessKey> accessKey, RunningLab lab) {
        if (type == KmsClient.class) {
            return accessKey.map(k -> lab.client(k.value())).orElseGet(lab::client);
        }
        if (type == RunningLab.class) {
            return lab;
        }
        if (type == URI.class) {
            return lab.uri();
        }
        if (type == KmsLab.class) {
            return lab.lab();
        }
        return lab.clock();
    }

    /** Fills the {@link InjectLab} fields of a class and its superclasses: static ones only, or all of them. */
    private static void injectFields(Class<?> type, Object instance, RunningLab lab, boolean staticOnly) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!field.isAnnotationPresent(InjectLab.class)) {
                    continue;
                }
                boolean isStatic = Modifier.isStatic(field.getModifiers());
                if (staticOnly && !isStatic) {
                    continue;
                }
                if (!injectable(field.getType()) || Modifier.isFinal(field.getModifiers())) {
                    throw new ExtensionConfigurationException("@InjectLab field " + c.getName() + "." + field.getName()
                            + " must be a non-final KmsClient, RunningLab, URI, KmsLab or SimulatedClock");
                }
                try {
                    field.setAccessible(true);
                    field.set(isStatic ? null : instance, value(field.getType(),
                            Optional.ofNullable(field.getAnnotation(AccessKey.class)), lab));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new ExtensionConfigurationException("cannot fill @InjectLab field " + c.getName() + "."
                            + field.getName() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** The endpoint of the test class (an enclosing class's for a nested one), started on first use. */
    private Served served(ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow()
                : context;
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Served.class, key -> {
            Settings chosen = settingsFor(classContext);
            return new Served(RunningLab.start(chosen), chosen.reset());
        }, Served.class);
    }

    private Settings settingsFor(ExtensionContext classContext) {
        if (settings != null) {
            return settings;
        }
        return classContext.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, KmsLabTest.class))
                .map(a -> new Settings(List.of(), a.region(), a.reset(), builder -> { }, true))
                .orElseGet(Settings::defaults);
    }
}
