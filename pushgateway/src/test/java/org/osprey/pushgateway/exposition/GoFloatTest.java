package org.osprey.pushgateway.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.osprey.model.value.FloatFormat;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model's Go float formatting, which the Pushgateway's writer uses, against values seen from
 * Pushgateway 1.5. Expected strings are what Go's strconv.FormatFloat(v, 'g', -1, 64) and Pushgateway 1.5 print. */
class GoFloatTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1795943147.7259948|1.7959431477259948e+09",
        "1e-7|1e-07",
        "123456789012|1.23456789012e+11",
        "0.05|0.05",
        "2.5|2.5",
        "3.14|3.14",
        "100000|100000",
        "1000000|1e+06",
        "1234567|1.234567e+06",
        "0.0001|0.0001",
        "0.00001|1e-05",
        "-42|-42",
        "0|0",
        "-0.0|0",
        "2398.283|2398.283",
        "0.8999999999999999|0.8999999999999999",
        "1.7976931348623157e308|1.7976931348623157e+308",
        "4.9e-324|5e-324",
        "0.001|0.001",
        "123.456|123.456",
        "1e21|1e+21",
        "1.5e-5|1.5e-05",
        "999999|999999",
        "999999.5|999999.5",
        "12345678.9|1.23456789e+07",
        "-0.25|-0.25",
        "NaN|NaN",
        "Infinity|+Inf",
        "-Infinity|-Inf"})
    void formatsAsGo(double v, String expected) {
        assertEquals(expected, FloatFormat.format(v));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"4|4", "10000000|10000000", "0.5|0.5", "1e20|1e+20"})
    void countsAsUnsignedWhenWhole(double v, String expected) {
        assertEquals(expected, TextWriter.formatCount(v));
    }
}
