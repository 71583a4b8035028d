package org.osprey.pushgateway.store;

/**
 * A push the store refused because it is invalid or inconsistent with what is stored; the
 * stored metrics are unchanged and only the group's failure time moved. Thread-safe: immutable.
 */
public final class PushRejectedException extends Exception {
    public PushRejectedException(String reason) {
        super("pushed metrics are invalid or inconsistent with existing metrics: " + reason);
    }
}
