package io.kmslab.labs;

import io.kmslab.KmsApi;
import io.kmslab.errors.KmsException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A learner's answer written as a small Java class: compiled at check time in memory with the JDK's compiler
 * ({@code javax.tools}) against the running class path and KMS Lab's own classes, loaded in a class loader of its
 * own (whose parent is the lab's, so the learner's class implements the lab's interface), and run with a time limit.
 *
 * <p>Whatever the learner's code does, the checker gets an answer, never an exception: a compile error is the
 * compiler's message with its line; an exception thrown by the learner's code (or by KMS, called from it) is its type
 * and message with the learner's line; a call that does not return in time is said so. The learner's code runs in
 * this JVM, with the checker's permissions: it is the learner's own code on the learner's machine.
 */
final class JavaAnswer {
    /** How many compiler errors a verdict shows (the first ones; the rest are usually consequences). */
    private static final int ERRORS_SHOWN = 5;

    private JavaAnswer() {
    }

    /**
     * The learner's class: compiles the file, loads the class of that name (in any package), and makes one with its
     * public no-argument constructor; or says why it cannot.
     *
     * @param file the file's name in the answer ({@code EnvelopeEncryption.java}); the class has the same name
     * @param type the lab's interface the class must implement
     */
    static <T> Loaded<T> load(LabAnswer answer, String file, Class<T> type) {
        String source = answer.text(file).orElse(null);
        if (source == null) {
            return Loaded.problem(file + " is missing");
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return Loaded.problem("This Java runtime has no compiler (javax.tools): run KMS Lab with a JDK, not a "
                    + "JRE, to check a Java answer");
        }
        String className = file.substring(0, file.length() - ".java".length());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ENGLISH, null);
        boolean compiled;
        try (InMemoryOutput files = new InMemoryOutput(standard, classes)) {
            List<String> options = List.of("-classpath", classPath(), "-g", "-proc:none", "-Xlint:none",
                    "-implicit:none");
            compiled = compiler.getTask(null, files, diagnostics, options, null,
                    List.of(new SourceText(file, source))).call();
        } catch (java.io.IOException | RuntimeException e) {
            return Loaded.problem("The Java compiler failed on " + file + ": " + e);
        }
        if (!compiled) {
            return Loaded.problem(file + " does not compile:\n" + errors(diagnostics));
        }
        AnswerLoader loader = new AnswerLoader(classes, StudyLab.class.getClassLoader());
        String binaryName = classes.keySet().stream()
                .filter(n -> n.equals(className) || n.endsWith("." + className)).findFirst().orElse(null);
        if (binaryName == null) {
            return Loaded.problem(file + " compiles but declares no class " + className + " (a public class "
                    + className + " implements " + type.getName() + ")");
        }
        try {
            Class<?> c = Class.forName(binaryName, false, loader);
            if (!type.isAssignableFrom(c)) {
                return Loaded.problem("class " + className + " does not implement " + type.getName()
                        + " (declare it `public class " + className + " implements " + type.getSimpleName() + "`)");
            }
            Run<Object> made = run("creating " + className, Duration.ofSeconds(5), loader,
                    () -> c.getConstructor().newInstance());
            if (!made.ok()) {
                return Loaded.problem(made.error() instanceof NoSuchMethodException
                        || made.error() instanceof IllegalAccessException
                        ? "class " + className + " needs a public constructor without arguments (and must itself "
                                + "be public)"
                        : made.problem());
            }
            return new Loaded<>(type.cast(made.value()), loader, null);
        } catch (LinkageError | ClassNotFoundException e) {
            return Loaded.problem("class " + className + " cannot be loaded: " + e);
        }
    }

    /**
     * Runs the learner's code on a thread of its own (with the learner's class loader as its context class loader),
     * waiting at most {@code limit}: the value, or what went wrong in the learner's words.
     *
     * @param what the call in the learner's words ({@code seal(1 MiB)}), for the explanation
     */
    static <T> Run<T> run(String what, Duration limit, ClassLoader loader, Callable<T> task) {
        return run(what, limit, loader, task, t -> null);
    }

    /**
     * {@link #run(String, Duration, ClassLoader, Callable)}, with where the learner's code made a call that threw
     * when the exception itself cannot tell (KMS's errors carry no stack trace: {@link RecordingKms#callSite}).
     */
    static <T> Run<T> run(String what, Duration limit, ClassLoader loader, Callable<T> task,
            Function<Throwable, String> callSite) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, "lab answer: " + what);
        thread.setDaemon(true);
        thread.setContextClassLoader(loader);
        thread.start();
        try {
            return new Run<>(future.get(limit.toMillis(), TimeUnit.MILLISECONDS), null, null);
        } catch (TimeoutException e) {
            stop(thread);
            return new Run<>(null, what + " did not finish within "
                    + java.math.BigDecimal.valueOf(limit.toMillis(), 3).stripTrailingZeros().toPlainString()
                    + " seconds (an endless loop, or a wait that never ends?)", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.lang.reflect.InvocationTargetException ite
                    && ite.getCause() != null ? ite.getCause() : e.getCause();
            String site = callSite.apply(cause);
            return new Run<>(null, what + " threw " + describe(cause, loader)
                    + (site == null || describe(cause, loader).contains(" line ") ? "" : " (at " + site + ")"), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(thread);
            return new Run<>(null, what + " was interrupted", null);
        }
    }

    /**
     * An exception as the learner needs to read it: a KMS error by its AWS code and message, anything else by its
     * type and message; with the first line of the learner's own code it went through.
     */
    static String describe(Throwable t, ClassLoader answerLoader) {
        String what = t instanceof KmsException k ? k.errorCode() + " from KMS"
                + (k.getMessage() == null || k.getMessage().isEmpty() ? "" : ": " + k.getMessage())
                : t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getFileName() != null && isAnswerClass(frame.getClassName(), answerLoader)) {
                return what + " (at " + frame.getFileName() + " line " + frame.getLineNumber() + ")";
            }
        }
        return what;
    }

    /** Whether a throwable, or one of its causes, is this KMS error ({@code IncorrectKeyMaterialException}). */
    static boolean causedBy(Throwable t, String errorCode) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KmsException k && k.errorCode().equals(errorCode)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAnswerClass(String className, ClassLoader answerLoader) {
        return answerLoader instanceof AnswerLoader a && a.classes.containsKey(className);
    }

    /** Whether a class is one of a learner's answer (compiled and loaded here). */
    static boolean isAnswerClass(Class<?> c) {
        return c.getClassLoader() instanceof AnswerLoader;
    }

    /**
     * Stops a runaway answer. A thread cannot be stopped safely; interrupting is asked first, and the deprecated stop
     * is the last resort (the lab it was running against is thrown away with it). Where the JVM no longer supports
     * stop, the daemon thread is left to the end of the process.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) {
        thread.interrupt();
        try {
            thread.join(200);
            if (thread.isAlive()) {
                thread.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnsupportedOperationException e) {
            // Java 20 and later: Thread.stop is gone; the thread is a daemon
        }
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        List<String> lines = new ArrayList<>();
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        for (Diagnostic<? extends JavaFileObject> d : errors.subList(0, Math.min(ERRORS_SHOWN, errors.size()))) {
            String file = d.getSource() == null ? "" : Path.of(d.getSource().getName()).getFileName() + " ";
            lines.add(file + "line " + d.getLineNumber() + ", column " + d.getColumnNumber() + ": "
                    + d.getMessage(Locale.ENGLISH));
        }
        if (errors.size() > ERRORS_SHOWN) {
            lines.add("(and " + (errors.size() - ERRORS_SHOWN) + " more errors)");
        }
        return String.join("\n", lines);
    }

    /**
     * The class path the answer compiles against: the JVM's class path (with the jars its manifests name, as javac
     * follows them) and the code source of KMS Lab's own classes, which a launcher may have loaded from elsewhere.
     */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(KmsApi.class, StudyLab.class)) {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file (a custom loader): the JVM's class path has to do
                }
            }
        }
        String jvm = System.getProperty("java.class.path", "");
        for (String entry : jvm.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The learner's class, made; or why not.
     *
     * @param loader the learner's class loader, to run the learner's code with
     */
    record Loaded<T>(T instance, ClassLoader loader, String problem) {
        static <T> Loaded<T> problem(String problem) {
            return new Loaded<>(null, null, problem);
        }

        boolean ok() {
            return problem == null;
        }
    }

    /** What a run of the learner's code gave: its value, or what went wrong ({@code error} when it threw). */
    record Run<T>(T value, String problem, Throwable error) {
        boolean ok() {
            return problem == null;
        }
    }

    /** The learner's classes, defined from their bytes; everything else comes from the lab's class loader. */
    private static final class AnswerLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        AnswerLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super("lab answer", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** A source file given as text. */
    private static final class SourceText extends SimpleJavaFileObject {
        private final String text;

        SourceText(String fileName, String text) {
            super(URI.create("string:///" + fileName), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Class files written to memory, by binary name. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes;

        InMemoryOutput(StandardJavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
