package io.kmslab.notebook;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The only class that knows the Jupyter kernel: it hands markup to the rapaio Java kernel's
 * {@code org.rapaio.jupyter.kernel.global.Global.display(mime, content)} (the {@code display(...)} a notebook cell can
 * call), found by reflection so that this library compiles and is tested without the kernel. Outside a kernel
 * (a test, jshell) it prints the markup to standard output.
 */
public final class Jupyter {

    private static final String GLOBAL = "org.rapaio.jupyter.kernel.global.Global";

    private Jupyter() {
    }

    /** Shows the parts below the cell, one after the other, as one HTML output. */
    public static void show(Renderable... parts) {
        display("text/html", Arrays.stream(parts).map(Renderable::html).collect(Collectors.joining()));
    }

    /** Shows Markdown below the cell (Jupyter renders it). */
    public static void markdown(String markdown) {
        display("text/markdown", markdown);
    }

    /** True when a rapaio kernel is there to display to. */
    public static boolean inKernel() {
        return displayMethod() != null;
    }

    private static void display(String mime, String content) {
        Method display = displayMethod();
        if (display == null) {
            System.out.println(content);
            return;
        }
        try {
            display.invoke(null, mime, content);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the kernel refused to display " + mime + ": " + e.getCause(), e);
        }
    }

    private static Method displayMethod() {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                Jupyter.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(GLOBAL, true, loader).getMethod("display", String.class, Object.class);
            } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                // not in a rapaio kernel (or not visible from this loader): try the next one
            }
        }
        return null;
    }
}
