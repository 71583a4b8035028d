package org.osprey.model.textformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GoFloatTest {
    @Test
    void matchesGoFormatFloatG() {
        // expected strings are what Go's strconv.FormatFloat(v, 'g', -1, 64) prints
        Object[][] cases = {
            {0.0, "0"}, {-0.0, "0"}, {1.0, "1"}, {-3.0, "-3"}, {1.5, "1.5"}, {123456.0, "123456"},
            {1234567.0, "1.234567e+06"}, {1e6, "1e+06"}, {100000000.0, "1e+08"}, {0.0001, "0.0001"},
            {0.00001, "1e-05"}, {-2.5e-7, "-2.5e-07"}, {1e21, "1e+21"}, {5e-324, "5e-324"},
            {1.7976931348623157e308, "1.7976931348623157e+308"}, {0.1 + 0.2, "0.30000000000000004"},
            {1.7560473e+06, "1.7560473e+06"}, {123.456, "123.456"}, {999999.5, "999999.5"},
            {Double.NaN, "NaN"}, {Double.POSITIVE_INFINITY, "+Inf"}, {Double.NEGATIVE_INFINITY, "-Inf"},
            {1e100, "1e+100"}, {0.001, "0.001"}, {12345.678, "12345.678"},
        };
        for (Object[] c : cases) {
            assertEquals(c[1], GoFloat.format((Double) c[0]), String.valueOf(c[0]));
        }
    }

    @Test
    void roundTripsRandomDoubles() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d)) {
                continue;
            }
            String s = GoFloat.format(d);
            double back = s.equals("+Inf") ? Double.POSITIVE_INFINITY : s.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(s);
            assertEquals(d == 0 ? 0.0 : d, back, "seed " + seed + ": " + s);
        }
    }

    @Test
    void openMetricsFloatsLookLikeFloats() {
        StringBuilder sb = new StringBuilder();
        GoFloat.appendOpenMetrics(sb, 1);
        sb.append(' ');
        GoFloat.appendOpenMetrics(sb, 1e6);
        sb.append(' ');
        GoFloat.appendOpenMetrics(sb, 0.5);
        sb.append(' ');
        GoFloat.appendOpenMetrics(sb, Double.POSITIVE_INFINITY);
        assertEquals("1.0 1e+06 0.5 +Inf", sb.toString());
    }
}
