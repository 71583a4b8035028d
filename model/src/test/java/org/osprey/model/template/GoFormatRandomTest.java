package org.osprey.model.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Randomized properties of the Go float formatting; the seed is printed so a failure reproduces. */
class GoFormatRandomTest {
    @Test
    void shortestFormsRoundTripAndFixedFormsRoundExactly() {
        long seed = System.nanoTime();
        System.out.println("GoFormatRandomTest seed " + seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
                case 2 -> rnd.nextInt(1_000_000) / 1000.0;
                default -> (double) rnd.nextLong();
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String g = GoFormat.formatFloat(d, 'g', -1, 64);
            assertEquals(d, Double.parseDouble(g), "seed " + seed + ": %v of " + d + " = " + g);
            String e = GoFormat.formatFloat(d, 'e', -1, 64);
            assertEquals(d, Double.parseDouble(e), "seed " + seed + ": %e of " + d + " = " + e);
            // never longer than Java's own shortest representation
            String javaDigits = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros().unscaledValue().toString();
            String goDigits = e.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "");
            assertTrue(goDigits.length() <= Math.max(javaDigits.length(), 1), "seed " + seed + ": " + e + " vs " + javaDigits);
            if (Math.abs(d) < 1e15) {
                String f = GoFormat.sprintf("%.3f", d);
                String expected = new BigDecimal(d).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
                if (d < 0 && new BigDecimal(expected).signum() == 0) {
                    expected = "-" + expected; // Go keeps the sign of a negative value rounded to zero
                }
                assertEquals(expected, f, "seed " + seed + ": %.3f of " + d);
            }
        }
    }
}
