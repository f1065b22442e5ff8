package io.kmslab.labs;

import io.kmslab.KmsApi;
import io.kmslab.api.DecryptResponse;
import io.kmslab.api.GenerateDataKeyResponse;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KMS a learner's Java answer is given: every call goes to the lab's KMS unchanged, and a copy of every plaintext
 * data key it hands out (GenerateDataKey, Decrypt) is kept, so that the checker can look for them where they must not
 * be (a sealed file). The copies live as long as the check.
 */
final class RecordingKms implements InvocationHandler {
    private final KmsApi kms;
    private final List<byte[]> generated = new ArrayList<>();
    private final List<byte[]> decrypted = new ArrayList<>();
    private final Map<Throwable, String> callSites = new IdentityHashMap<>();

    private RecordingKms(KmsApi kms) {
        this.kms = kms;
    }

    /** A recorder in front of {@code kms}. */
    static RecordingKms of(KmsApi kms) {
        return new RecordingKms(kms);
    }

    /** The KmsApi to give the learner's code. */
    KmsApi api() {
        return (KmsApi) Proxy.newProxyInstance(KmsApi.class.getClassLoader(), new Class<?>[] {KmsApi.class}, this);
    }

    /** Copies of the plaintext data keys GenerateDataKey returned, oldest first. */
    synchronized List<byte[]> generatedKeys() {
        return List.copyOf(generated);
    }

    /** Copies of the plaintexts Decrypt returned, oldest first. */
    synchronized List<byte[]> decryptedKeys() {
        return List.copyOf(decrypted);
    }

    /**
     * Where the learner's code made the KMS call that threw this error ({@code EnvelopeEncryption.java line 13}), or
     * null: KMS's errors carry no stack trace of their own.
     */
    synchronized String callSite(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String site = callSites.get(c);
            if (site != null) {
                return site;
            }
        }
        return null;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "KMS (" + kms + ")";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
        Object result;
        try {
            result = method.invoke(kms, args);
        } catch (InvocationTargetException e) {
            Throwable error = e.getCause();
            String site = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                    .filter(f -> JavaAnswer.isAnswerClass(f.getDeclaringClass()) && f.getFileName() != null)
                    .map(f -> f.getFileName() + " line " + f.getLineNumber()).findFirst().orElse(null));
            if (site != null) {
                synchronized (this) {
                    callSites.put(error, site);
                }
            }
            throw error;
        }
        synchronized (this) {
            if (result instanceof GenerateDataKeyResponse r && r.plaintext() != null) {
                generated.add(r.plaintext().clone());
            } else if (result instanceof DecryptResponse r && r.plaintext() != null) {
                decrypted.add(r.plaintext().clone());
            }
        }
        return result;
    }
}
