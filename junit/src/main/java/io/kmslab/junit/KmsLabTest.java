package io.kmslab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class served by a KMS Lab endpoint: shorthand for {@code @ExtendWith(KmsLabExtension.class)} with these
 * settings. Principals and lab settings are declared with {@link KmsLabExtension#builder()} and
 * {@code @RegisterExtension} instead.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(KmsLabExtension.class)
public @interface KmsLabTest {
    /** When the tests get a brand-new lab; before each test unless told. */
    Reset reset() default Reset.PER_TEST;

    /** The Region of the injected clients. */
    String region() default KmsLabExtension.DEFAULT_REGION;
}
