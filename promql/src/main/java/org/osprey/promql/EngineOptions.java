package org.osprey.promql;

import java.time.Duration;

/**
 * Engine limits and defaults, as Prometheus's flags name them.
 *
 * @param lookbackDelta          ms an instant selector looks back for a sample ({@code --query.lookback-delta}, 5 m)
 * @param maxSamples             samples one query may hold ({@code --query.max-samples}, 50,000,000)
 * @param timeout                wall time before a query is cancelled ({@code --query.timeout}, 2 m)
 * @param maxConcurrency         queries run at once; more wait ({@code --query.max-concurrency}, 20)
 * @param subqueryStepMillis     resolution of subqueries written without a step (the global evaluation interval, 1 m)
 *                               Thread-safe: immutable.
 */
public record EngineOptions(long lookbackDelta, long maxSamples, Duration timeout, int maxConcurrency,
        long subqueryStepMillis) {
    public static final long DEFAULT_LOOKBACK_DELTA = 5 * 60_000L;

    public EngineOptions {
        if (lookbackDelta <= 0) {
            lookbackDelta = DEFAULT_LOOKBACK_DELTA;
        }
        if (maxSamples <= 0) {
            maxSamples = 50_000_000L;
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            timeout = Duration.ofMinutes(2);
        }
        if (maxConcurrency <= 0) {
            maxConcurrency = 20;
        }
        if (subqueryStepMillis <= 0) {
            subqueryStepMillis = 60_000L;
        }
    }

    public EngineOptions(long lookbackDelta, long maxSamples, Duration timeout, int maxConcurrency) {
        this(lookbackDelta, maxSamples, timeout, maxConcurrency, 60_000L);
    }

    /** All defaults. */
    public static EngineOptions defaults() {
        return new EngineOptions(DEFAULT_LOOKBACK_DELTA, 50_000_000L, Duration.ofMinutes(2), 20, 60_000L);
    }

    public EngineOptions withLookbackDelta(long ms) {
        return new EngineOptions(ms, maxSamples, timeout, maxConcurrency, subqueryStepMillis);
    }

    public EngineOptions withMaxSamples(long n) {
        return new EngineOptions(lookbackDelta, n, timeout, maxConcurrency, subqueryStepMillis);
    }

    public EngineOptions withTimeout(Duration d) {
        return new EngineOptions(lookbackDelta, maxSamples, d, maxConcurrency, subqueryStepMillis);
    }

    public EngineOptions withMaxConcurrency(int n) {
        return new EngineOptions(lookbackDelta, maxSamples, timeout, n, subqueryStepMillis);
    }
}
