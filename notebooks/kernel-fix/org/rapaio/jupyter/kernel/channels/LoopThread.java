package org.rapaio.jupyter.kernel.channels;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.MessageType;

/**
 * KMS Lab's replacement for the {@code LoopThread} of rapaio-jupyter-kernel 3.0.1: the same name, constructor and
 * methods, so the kernel's own channels use it unchanged. {@code notebooks/setup.sh} compiles this file against the
 * kernel jar and puts it before that jar on the kernel's class path (kernel.json), so this class wins.
 *
 * <p>Why: about one kernel start in ten (one in five on a busy machine) left a kernel that was alive but never
 * answered, or answered only after a minute. Three causes, read from the kernel's classes ({@code javap -c}) and seen
 * in its logs ({@code notebooks/check-kernel-starts.sh --unfixed}):
 * <ol>
 *   <li>The original {@code start()} calls {@code Thread.start()} and only then sets {@code running = true}; the new
 *       thread may read {@code running} first, see {@code false}, and end at once. A shell (or control, or heartbeat)
 *       channel then has no thread reading its socket. Here {@code running} is set before the thread starts.</li>
 *   <li>{@code Channels.connect} binds the sockets (which starts these threads) before it creates its handler map;
 *       a {@code kernel_info_request} already waiting on the shell socket (Jupyter sends one as soon as it connects)
 *       makes {@code Channels.getHandler} throw a {@code NullPointerException} outside any catch, and the original
 *       loop ends with it: a deaf kernel.</li>
 *   <li>The same message arriving while the map is being filled is logged "Unhandled message" and dropped. Jupyter
 *       Notebook's server sends that first {@code kernel_info_request} once and waits up to a minute for it.</li>
 * </ol>
 * Here a loop waits, before its first pass, until the kernel's channels have their handlers (at most
 * {@value #CONNECT_WAIT_MILLIS} ms), so no message is read before it can be handled; and a pass that throws is
 * logged and the loop goes on (a loop that fails {@value #MAX_FAILURES_IN_A_ROW} passes in a row ends, as the
 * original did on its first failure).
 */
public final class LoopThread extends Thread {

    /** Consecutive failed passes after which the loop gives up (a socket that is broken for good). */
    static final int MAX_FAILURES_IN_A_ROW = 20;

    /** The longest a loop waits for the kernel's handlers before its first pass; then it runs anyway. */
    static final long CONNECT_WAIT_MILLIS = 10_000;

    /** Handlers that {@code Channels.connect} registers; the last one is registered last. */
    private static final List<MessageType<?>> HANDLED = List.of(MessageType.SHELL_EXECUTE_REQUEST,
            MessageType.SHELL_KERNEL_INFO_REQUEST, MessageType.CONTROL_SHUTDOWN_REQUEST,
            MessageType.CONTROL_INTERRUPT_REQUEST, MessageType.SHELL_COMM_INFO_REQUEST);

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    /**
     * @param name     the thread's name
     * @param sleep    milliseconds to sleep between two passes of the loop body
     * @param loopBody one pass: polls the channel's socket and handles what arrived
     */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        try {
            awaitHandlers();
        } catch (InterruptedException e) {
            running = false;
            return;
        }
        int failuresInARow = 0;
        while (running) {
            try {
                loopBody.run();
                failuresInARow = 0;
            } catch (RuntimeException e) {
                failuresInARow++;
                if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                    LOGGER.log(Level.SEVERE, getName() + ": " + failuresInARow + " failed passes in a row, stopping", e);
                    running = false;
                    return;
                }
                LOGGER.log(Level.WARNING, getName() + ": a pass failed, the loop goes on: " + e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    /** Marks the loop running, then starts the thread (the order the original got wrong). */
    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    /** Asks the loop to end after its current pass. */
    public void shutdown() {
        running = false;
    }

    /** Waits until the kernel's channels have their handlers, or {@link #CONNECT_WAIT_MILLIS} have passed. */
    private void awaitHandlers() throws InterruptedException {
        long deadline = System.nanoTime() + CONNECT_WAIT_MILLIS * 1_000_000;
        while (running && !handlersRegistered()) {
            if (System.nanoTime() - deadline > 0) {
                LOGGER.warning(getName() + ": the kernel's handlers are not registered after "
                        + CONNECT_WAIT_MILLIS + " ms; polling anyway");
                return;
            }
            Thread.sleep(2);
        }
    }

    private static boolean handlersRegistered() {
        try {
            RapaioKernel kernel = MainApp.kernel;
            Channels channels = kernel == null ? null : kernel.channels();
            if (channels == null) {
                return false;
            }
            for (MessageType<?> type : HANDLED) {
                if (channels.getHandler(type) == null) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            // the map is still null (NullPointerException), or being filled by the connecting thread
            return false;
        }
    }
}
