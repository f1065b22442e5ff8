package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * KMS Lab's replacement for the {@code LoopThread} of rapaio-jupyter-kernel 3.0.1: the same name, constructor and
 * methods, so the kernel's own channels use it unchanged. {@code notebooks/setup.sh} compiles this file against the
 * kernel jar and puts it before that jar on the kernel's class path (kernel.json), so this class wins.
 *
 * <p>Why: about one kernel start in ten left a kernel that was alive but never answered. Two causes, read from the
 * kernel's classes ({@code javap -c}):
 * <ol>
 *   <li>The original {@code start()} calls {@code Thread.start()} and only then sets {@code running = true}; the new
 *       thread may read {@code running} first, see {@code false}, and end at once. A shell (or control, or heartbeat)
 *       channel then has no thread reading its socket. Here {@code running} is set before the thread starts.</li>
 *   <li>{@code Channels.connect} binds the sockets (which starts these threads) before it fills its handler map; a
 *       {@code kernel_info_request} already waiting on the shell socket (Jupyter sends one as soon as it connects)
 *       makes {@code Channels.getHandler} throw a {@code NullPointerException} outside any catch, and the original
 *       loop ends with it. Here one failed pass is logged and the loop goes on; the message is lost, and Jupyter
 *       clients repeat {@code kernel_info_request} until it is answered.</li>
 * </ol>
 * A loop that fails {@value #MAX_FAILURES_IN_A_ROW} passes in a row ends, as the original did on its first failure.
 */
public final class LoopThread extends Thread {

    /** Consecutive failed passes after which the loop gives up (a socket that is broken for good). */
    static final int MAX_FAILURES_IN_A_ROW = 20;

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
}
