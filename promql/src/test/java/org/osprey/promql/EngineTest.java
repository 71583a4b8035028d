package org.osprey.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.promql.value.Matrix;
import org.osprey.promql.value.Scalar;
import org.osprey.promql.value.StringValue;
import org.osprey.promql.value.ValueType;
import org.osprey.promql.value.Vector;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.memory.MemoryStorage;

class EngineTest {
    private final MemoryStorage storage = new MemoryStorage();

    @BeforeEach
    void load() {
        Appender app = storage.appender();
        for (int s = 0; s < 50; s++) {
            Labels l = Labels.of("__name__", "req_total", "i", Integer.toString(s));
            for (int t = 0; t <= 3600; t += 15) {
                app.append(0, l, t * 1000L, t * (s + 1));
            }
        }
        app.commit();
    }

    @Test
    void resultTypesAndShapes() {
        Engine e = new Engine(EngineOptions.defaults());
        assertEquals(new Scalar(60_000, 3), e.instantQuery(storage, "1 + 2", 60_000).execute().value());
        assertEquals(new StringValue(60_000, "x"), e.instantQuery(storage, "\"x\"", 60_000).execute().value());
        Vector v = assertInstanceOf(Vector.class,
                e.instantQuery(storage, "sum(rate(req_total[5m]))", 600_000).execute().value());
        assertEquals(1, v.samples().size());
        assertEquals(1275.0, v.samples().get(0).v(), 1e-9); // sum over s of (s+1) per second
        Matrix m = assertInstanceOf(Matrix.class,
                e.instantQuery(storage, "req_total{i=\"0\"}[1m]", 600_000).execute().value());
        assertEquals(4, m.series().get(0).size()); // (540s, 600s]: 555, 570, 585, 600
        Matrix r = assertInstanceOf(Matrix.class,
                e.rangeQuery(storage, "req_total{i=\"1\"} * 2", 0, 600_000, 60_000).execute().value());
        assertEquals(11, r.series().get(0).size());
        assertEquals(2400.0, r.series().get(0).values()[10]);
        assertEquals(ValueType.MATRIX, r.type());
    }

    @Test
    void rangeQueryRejectsRangeVectorsAndBadSteps() {
        Engine e = new Engine(EngineOptions.defaults());
        PromqlException ex = assertThrows(PromqlException.class,
                () -> e.rangeQuery(storage, "req_total[5m]", 0, 10, 1));
        assertEquals(ErrorType.BAD_DATA, ex.type());
        assertEquals("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector",
                ex.getMessage());
        assertThrows(PromqlException.class, () -> e.rangeQuery(storage, "1", 0, 10, 0));
    }

    @Test
    void sampleLimitFailsWithUpstreamMessage() {
        Engine e = new Engine(EngineOptions.defaults().withMaxSamples(1000));
        PromqlException ex = assertThrows(PromqlException.class,
                () -> e.rangeQuery(storage, "req_total", 0, 3_600_000, 15_000).execute());
        assertEquals(ErrorType.EXECUTION, ex.type());
        assertEquals("query processing would load too many samples into memory in query execution", ex.getMessage());
        // The slot is released: the next small query runs.
        assertEquals(new Scalar(0, 1), e.instantQuery(storage, "1", 0).execute().value());
    }

    @Test
    void cancelAndTimeout() {
        Engine e = new Engine(EngineOptions.defaults());
        Query q = e.rangeQuery(storage, "sum(rate(req_total[5m]))", 0, 3_600_000, 15_000);
        q.cancel();
        assertEquals(ErrorType.CANCELED, assertThrows(PromqlException.class, q::execute).type());
        Engine slow = new Engine(EngineOptions.defaults().withTimeout(Duration.ofNanos(1)));
        PromqlException ex = assertThrows(PromqlException.class, () -> slow.rangeQuery(storage,
                "sum(rate(req_total[5m])) + sum(rate(req_total[10m]))", 0, 3_600_000, 1_000).execute());
        assertEquals(ErrorType.TIMEOUT, ex.type());
    }

    @Test
    void concurrencyLimitQueuesQueries() throws Exception {
        Engine e = new Engine(EngineOptions.defaults().withMaxConcurrency(1));
        Thread[] ts = new Thread[4];
        double[] results = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            int k = i;
            ts[i] = new Thread(() -> results[k] = ((Vector) e.instantQuery(storage, "count(req_total)", 600_000)
                    .execute().value()).samples().get(0).v());
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        for (double r : results) {
            assertEquals(50.0, r);
        }
    }

    @Test
    void statsCountLoadedSamples() {
        Engine e = new Engine(EngineOptions.defaults());
        QueryResult res = e.instantQuery(storage, "req_total{i=\"3\"}[1m]", 600_000).execute();
        assertEquals(4, res.stats().totalSamples());
    }
}
