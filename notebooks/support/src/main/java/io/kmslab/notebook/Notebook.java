package io.kmslab.notebook;

import io.kmslab.KmsLab;
import java.time.Instant;

/**
 * What a notebook cell calls most, in one class to import statically:
 *
 * <pre>{@code
 * %jars target/jars/
 * import io.kmslab.notebook.*;
 * import static io.kmslab.notebook.Notebook.*;
 *
 * var lab = lab();                                  // seed 2026, clock at 2026-01-20T09:00:00Z
 * show(Table.fields().field("KeyId", key.keyId()));
 * System.out.println(tryIt("Decrypt", () -> kms.decrypt(DecryptRequest.of(blob))));
 * }</pre>
 *
 * Reproducible: every lab made here has a fixed seed and start instant, so ids, dates and pictures are the same on
 * every run (rendered notebooks change only when their content does).
 */
public final class Notebook {

    /** The seed of the notebooks' labs. */
    public static final long SEED = 2026;
    /** The instant the notebooks' labs start at unless told otherwise. */
    public static final Instant START = Instant.parse("2026-01-20T09:00:00Z");

    private Notebook() {
    }

    /** A lab with the notebooks' seed, its clock at {@link #START}. */
    public static KmsLab lab() {
        return lab(START, SEED);
    }

    /** A lab with the notebooks' seed, its clock at this ISO instant ("2026-03-01T00:00:00Z"). */
    public static KmsLab lab(String start) {
        return lab(Instant.parse(start), SEED);
    }

    /** A lab with this seed, its clock at this instant. */
    public static KmsLab lab(Instant start, long seed) {
        return KmsLab.builder().startingAt(start).seed(seed).build();
    }

    /** Shows the parts below the cell as one HTML output (see {@link Jupyter}). */
    public static void show(Renderable... parts) {
        Jupyter.show(parts);
    }

    /** Shows Markdown below the cell. */
    public static void markdown(String markdown) {
        Jupyter.markdown(markdown);
    }

    /** See {@link Calls#answer}. */
    public static String answer(Calls.Call call) {
        return Calls.answer(call);
    }

    /** See {@link Calls#tryIt}. */
    public static String tryIt(String label, Calls.Call call) {
        return Calls.tryIt(label, call);
    }

    /** See {@link Checks#expect}. */
    public static void expect(boolean holds, String what) {
        Checks.expect(holds, what);
    }

    /** See {@link Format#utf8}. */
    public static byte[] utf8(String text) {
        return Format.utf8(text);
    }

    /** See {@link Format#text}. */
    public static String text(byte[] bytes) {
        return Format.text(bytes);
    }
}
