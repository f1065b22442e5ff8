package io.kmslab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which declared principal an injected {@code KmsClient} signs as, by its access key id:
 * {@code void test(@AccessKey("AKIAALICE0EXAMPLE") KmsClient alice)}. Without it a client signs as the first declared
 * principal (or, with none declared, as the root user of the lab's default account).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface AccessKey {
    /** The access key id of a principal declared with {@link KmsLabExtension.Builder#principal(LabPrincipal)}. */
    String value();
}
