package io.kmslab.notebook;

import io.kmslab.errors.KmsException;
import io.kmslab.services.common.AwsServiceException;

/**
 * Runs one call and tells what AWS would answer: {@code succeeded}, or the error code and the exact message. An
 * exception that is not an AWS error (a bug in the cell) is not swallowed: it stops the notebook.
 */
public final class Calls {

    private Calls() {
    }

    /** A call that may throw (the JCA calls do); a {@code Runnable} lambda fits too. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** "succeeded", or "Code: message" ("Code (no message)" when AWS sends none). */
    public static String answer(Call call) {
        try {
            call.run();
            return "succeeded";
        } catch (KmsException e) {
            return error(e.errorCode(), e.getMessage());
        } catch (AwsServiceException e) {
            return error(e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("not an AWS error: " + e, e);
        }
    }

    /** "label -> succeeded" or "label -> Code: message". */
    public static String tryIt(String label, Call call) {
        return label + " -> " + answer(call);
    }

    /** The error code alone ("succeeded" when there is none): for a table column. */
    public static String errorCode(Call call) {
        String answer = answer(call);
        int colon = answer.indexOf(':');
        int space = answer.indexOf(' ');
        int end = colon < 0 ? space : space < 0 ? colon : Math.min(colon, space);
        return end < 0 ? answer : answer.substring(0, end);
    }

    static String error(String code, String message) {
        return code + (message == null || message.isEmpty() ? " (no message)" : ": " + message);
    }
}
