package org.osprey.model.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatFormatTest {
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
            assertEquals(c[1], FloatFormat.format((Double) c[0]), String.valueOf(c[0]));
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
            String s = FloatFormat.format(d);
            double back = s.equals("+Inf") ? Double.POSITIVE_INFINITY : s.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(s);
            assertEquals(d == 0 ? 0.0 : d, back, "seed " + seed + ": " + s);
        }
    }

    @Test
    void openMetricsFloatsLookLikeFloats() {
        StringBuilder sb = new StringBuilder();
        FloatFormat.appendOpenMetrics(sb, 1);
        sb.append(' ');
        FloatFormat.appendOpenMetrics(sb, 1e6);
        sb.append(' ');
        FloatFormat.appendOpenMetrics(sb, 0.5);
        sb.append(' ');
        FloatFormat.appendOpenMetrics(sb, Double.POSITIVE_INFINITY);
        assertEquals("1.0 1e+06 0.5 +Inf", sb.toString());
    }

    @Test
    void plainFormatsLikeGoStrconvFMinusOne() {
        assertEquals("1", FloatFormat.formatPlain(1));
        assertEquals("0.1", FloatFormat.formatPlain(0.1));
        assertEquals("0.30000000000000004", FloatFormat.formatPlain(0.1 + 0.2));
        assertEquals("1000000000000000000000", FloatFormat.formatPlain(1e21));
        assertEquals("0.000001", FloatFormat.formatPlain(1e-6));
        assertEquals("-2.5", FloatFormat.formatPlain(-2.5));
        assertEquals("+Inf", FloatFormat.formatPlain(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", FloatFormat.formatPlain(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", FloatFormat.formatPlain(Double.NaN));
        assertEquals("-0", FloatFormat.formatPlain(-0.0));
        assertEquals("123456789012345680000", FloatFormat.formatPlain(123456789012345678901.0));
        assertEquals("1234567.5", FloatFormat.formatPlain(1234567.5));
        StringBuilder sb = new StringBuilder("v=");
        FloatFormat.appendPlain(sb, 0.25);
        assertEquals("v=0.25", sb.toString());
    }

    @Test
    void exponentFormatsLikeGoStrconvEMinusOne() {
        assertEquals("1e+00", FloatFormat.formatExponent(1));
        assertEquals("1.5e+01", FloatFormat.formatExponent(15));
        assertEquals("-2.5e-07", FloatFormat.formatExponent(-2.5e-7));
        assertEquals("1e+100", FloatFormat.formatExponent(1e100));
        assertEquals("0e+00", FloatFormat.formatExponent(0.0));
        assertEquals("-0e+00", FloatFormat.formatExponent(-0.0));
        assertEquals("+Inf", FloatFormat.formatExponent(Double.POSITIVE_INFINITY));
        assertEquals("NaN", FloatFormat.formatExponent(Double.NaN));
    }

    @Test
    void variantsDifferExactlyWhereUpstreamDoes() {
        // exposition 'g' drops the sign of zero, strconv 'g' keeps it
        assertEquals("0", FloatFormat.format(-0.0));
        assertEquals("-0", FloatFormat.formatG(-0.0));
        assertEquals("0", FloatFormat.formatG(0.0));
        // 'g' switches to an exponent at 1e6 and below 1e-4; 'f' never does; 'e' always does
        assertEquals("1.234567e+06", FloatFormat.formatG(1234567.0));
        assertEquals("1234567", FloatFormat.formatPlain(1234567.0));
        assertEquals("1.234567e+06", FloatFormat.formatExponent(1234567.0));
        assertEquals("1e-05", FloatFormat.formatG(0.00001));
        assertEquals("0.00001", FloatFormat.formatPlain(0.00001));
        assertEquals("123.5", FloatFormat.formatG(123.5));
        assertEquals("1.235e+02", FloatFormat.formatExponent(123.5));
        // OpenMetrics marks integral values as floats
        StringBuilder sb = new StringBuilder();
        FloatFormat.appendOpenMetrics(sb, 3);
        assertEquals("3.0", sb.toString());
    }
}
