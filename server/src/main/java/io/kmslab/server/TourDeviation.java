package io.kmslab.server;

/** A step of the tour did not behave as the tour narrates it; the message says what happened instead. */
final class TourDeviation extends RuntimeException {

    TourDeviation(String message) {
        super(message, null, false, false);
    }
}
