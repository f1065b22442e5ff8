package io.kmslab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field the extension fills before each test (a static one before all tests of the class) with what its type asks
 * for: {@code KmsClient} (with {@link AccessKey}, another principal's), {@link RunningLab}, {@code java.net.URI} (the
 * endpoint), {@code io.kmslab.KmsLab} or {@code io.kmslab.time.SimulatedClock} (those of the lab served at that
 * moment: a reset replaces them).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectLab {
}
