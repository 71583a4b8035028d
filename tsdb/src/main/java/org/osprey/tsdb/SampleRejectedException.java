package org.osprey.tsdb;

/**
 * One sample refused by the storage; carries the upstream reason text. Instances are shared and
 * stackless, so the append hot path pays nothing to throw one.
 */
public final class SampleRejectedException extends RuntimeException {
    public static final SampleRejectedException OUT_OF_ORDER = new SampleRejectedException(Reason.OUT_OF_ORDER);
    public static final SampleRejectedException DUPLICATE = new SampleRejectedException(Reason.DUPLICATE);
    public static final SampleRejectedException TOO_OLD = new SampleRejectedException(Reason.TOO_OLD);
    public static final SampleRejectedException OUT_OF_BOUNDS = new SampleRejectedException(Reason.OUT_OF_BOUNDS);

    /** Why a sample was refused; the message is Prometheus's wording. */
    public enum Reason {
        OUT_OF_ORDER("out of order sample"),
        DUPLICATE("duplicate sample for timestamp"),
        TOO_OLD("too old sample"),
        OUT_OF_BOUNDS("out of bounds");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private final Reason reason;

    private SampleRejectedException(Reason reason) {
        super(reason.message(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
