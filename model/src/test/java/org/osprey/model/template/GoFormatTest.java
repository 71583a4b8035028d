package org.osprey.model.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what Go's fmt and strconv print for the same arguments. */
class GoFormatTest {
    @Test
    void floatsPrintLikeGoPercentV() {
        assertEquals("1e+06", GoFormat.toString(1e6));
        assertEquals("100000", GoFormat.toString(1e5));
        assertEquals("123456.7", GoFormat.toString(123456.7));
        assertEquals("1.234567e+06", GoFormat.toString(1234567.0));
        assertEquals("0.5", GoFormat.toString(0.5));
        assertEquals("3", GoFormat.toString(3.0));
        assertEquals("0.0001", GoFormat.toString(0.0001));
        assertEquals("1e-05", GoFormat.toString(0.00001));
        assertEquals("0.3333333333333333", GoFormat.toString(1.0 / 3));
        assertEquals("1.7976931348623157e+308", GoFormat.toString(Double.MAX_VALUE));
        assertEquals("5e-324", GoFormat.toString(Double.MIN_VALUE));
        assertEquals("-0", GoFormat.toString(-0.0));
        assertEquals("0", GoFormat.toString(0.0));
        assertEquals("+Inf", GoFormat.toString(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", GoFormat.toString(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", GoFormat.toString(Double.NaN));
        assertEquals("1e+21", GoFormat.toString(1e21));
        assertEquals("-2.5e-07", GoFormat.toString(-2.5e-7));
        assertEquals("42", GoFormat.toString(42L));
    }

    @Test
    void fixedPrecisionRoundsTheExactBinaryValueHalfEven() {
        assertEquals("1.00", GoFormat.sprintf("%.2f", 1.005)); // 1.00499999999999989...
        assertEquals("2.67", GoFormat.sprintf("%.2f", 2.675));
        assertEquals("0.2", GoFormat.sprintf("%.1f", 0.25)); // exact tie goes to even
        assertEquals("2", GoFormat.sprintf("%.0f", 2.5));
        assertEquals("4", GoFormat.sprintf("%.0f", 3.5));
        assertEquals("3.141593", GoFormat.sprintf("%f", Math.PI));
        assertEquals("  3.14", GoFormat.sprintf("%6.2f", 3.14159));
        assertEquals("-03.14", GoFormat.sprintf("%06.2f", -3.14159));
        assertEquals("1.234568e+03", GoFormat.sprintf("%e", 1234.5678));
        assertEquals("+1.2e+04", GoFormat.sprintf("%+.1e", 12345.678));
        assertEquals("1234.5678", GoFormat.sprintf("%g", 1234.5678));
        assertEquals("1.23e+03", GoFormat.sprintf("%.3g", 1234.5678));
        assertEquals("1.234e+04", GoFormat.sprintf("%.4g", 12345.0));
        assertEquals("0.0001234", GoFormat.sprintf("%.4g", 0.0001234));
        assertEquals("0.5", GoFormat.sprintf("%.4g", 0.5));
        assertEquals("1234", GoFormat.sprintf("%.4g", 1234.0));
        assertEquals(" 99.5%", GoFormat.sprintf("%5.1f%%", 99.55));
        assertEquals("+Inf", GoFormat.sprintf("%.2f", Double.POSITIVE_INFINITY));
        assertEquals("  NaN", GoFormat.sprintf("%05.1f", Double.NaN));
        assertEquals("1.000000", GoFormat.sprintf("%f", 1L == 1 ? 1.0 : 0));
    }

    @Test
    void integersStringsAndBools() {
        assertEquals("   42|42   |00042", GoFormat.sprintf("%5d|%-5d|%05d", 42L, 42L, 42L));
        assertEquals("ff FF 0xff 10 101 +5", GoFormat.sprintf("%x %X %#x %o %b %+d", 255L, 255L, 255L, 8L, 5L, 5L));
        assertEquals("-0042", GoFormat.sprintf("%05d", -42L));
        assertEquals("'a' a U+0061", GoFormat.sprintf("%q %c %U", 97L, 97L, 97L));
        assertEquals("\"a\\\"b\\n\"", GoFormat.sprintf("%q", "a\"b\n"));
        assertEquals("        hi|hi  |a", GoFormat.sprintf("%10s|%-4s|%.1s", "hi", "hi", "abc"));
        assertEquals("6869", GoFormat.sprintf("%x", "hi"));
        assertEquals("true false", GoFormat.sprintf("%t %v", true, false));
        assertEquals("[1 2 3]", GoFormat.sprintf("%v", List.of(1L, 2L, 3L)));
        assertEquals("[a b]", GoFormat.sprintf("%s", List.of("a", "b")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 2L);
        m.put("a", 1.5);
        assertEquals("map[a:1.5 b:2]", GoFormat.sprintf("%v", m));
        assertEquals("<nil>", GoFormat.sprintf("%v", (Object) null));
        assertEquals("b a", GoFormat.sprintf("%[2]s %[1]s", "a", "b"));
        assertEquals("   hi", GoFormat.sprintf("%*s", 5L, "hi"));
    }

    @Test
    void badVerbsAndArgumentCountsAreMarkedInline() {
        assertEquals("%!d(string=x)", GoFormat.sprintf("%d", "x"));
        assertEquals("%!s(int=5)", GoFormat.sprintf("%s", 5L));
        assertEquals("%!d(float64=1.5)", GoFormat.sprintf("%d", 1.5));
        assertEquals("%!f(int=1)", GoFormat.sprintf("%f", 1L));
        assertEquals("%!d(MISSING)", GoFormat.sprintf("%d"));
        assertEquals("1%!(EXTRA int=2, string=a)", GoFormat.sprintf("%d", 1L, 2L, "a"));
        assertEquals("%!d(<nil>)", GoFormat.sprintf("%d", (Object) null));
        assertEquals("%!(NOVERB)", GoFormat.sprintf("%"));
        assertEquals("%!z(int=1)", GoFormat.sprintf("%z", 1L));
    }

    @Test
    void sprintSpacesOnlyBetweenNonStrings() {
        assertEquals("1 2a3", GoFormat.sprint(1L, 2L, "a", 3L));
        assertEquals("ab", GoFormat.sprint("a", "b"));
        assertEquals("1 a\n", GoFormat.sprintln(1L, "a"));
        assertEquals("1.5 true", GoFormat.sprint(1.5, true));
    }
}
