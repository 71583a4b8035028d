package org.osprey.promql.parser;

import static org.osprey.promql.value.ValueType.MATRIX;
import static org.osprey.promql.value.ValueType.SCALAR;
import static org.osprey.promql.value.ValueType.STRING;
import static org.osprey.promql.value.ValueType.VECTOR;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osprey.promql.value.ValueType;

/** The function table the parser type-checks calls against. Thread-safe: immutable after class init. */
public final class Functions {
    private static final Map<String, FunctionDef> BY_NAME = new HashMap<>();

    static {
        for (String f : List.of("abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "deg", "rad",
                "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
                "sort", "sort_desc", "timestamp", "histogram_avg", "histogram_count", "histogram_sum",
                "histogram_stddev", "histogram_stdvar", "absent")) {
            def(f, VECTOR, 0, VECTOR);
        }
        for (String f : List.of("rate", "irate", "increase", "delta", "idelta", "deriv", "resets", "changes",
                "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
                "stddev_over_time", "stdvar_over_time", "last_over_time", "first_over_time", "present_over_time",
                "mad_over_time", "absent_over_time", "ts_of_max_over_time", "ts_of_min_over_time",
                "ts_of_last_over_time", "ts_of_first_over_time")) {
            def(f, VECTOR, 0, MATRIX);
        }
        for (String f : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            def(f, VECTOR, 1, VECTOR);
        }
        def("clamp", VECTOR, 0, VECTOR, SCALAR, SCALAR);
        def("clamp_max", VECTOR, 0, VECTOR, SCALAR);
        def("clamp_min", VECTOR, 0, VECTOR, SCALAR);
        def("round", VECTOR, 1, VECTOR, SCALAR);
        def("pi", SCALAR, 0);
        def("time", SCALAR, 0);
        def("step", SCALAR, 0);
        def("range", SCALAR, 0);
        def("start", SCALAR, 0);
        def("end", SCALAR, 0);
        def("min_of", SCALAR, 0, SCALAR, SCALAR);
        def("max_of", SCALAR, 0, SCALAR, SCALAR);
        def("histogram_quantiles", VECTOR, -1, VECTOR, STRING, SCALAR);
        def("scalar", SCALAR, 0, VECTOR);
        def("vector", VECTOR, 0, SCALAR);
        def("predict_linear", VECTOR, 0, MATRIX, SCALAR);
        def("quantile_over_time", VECTOR, 0, SCALAR, MATRIX);
        def("double_exponential_smoothing", VECTOR, 0, MATRIX, SCALAR, SCALAR);
        def("holt_winters", VECTOR, 0, MATRIX, SCALAR, SCALAR);
        def("histogram_quantile", VECTOR, 0, SCALAR, VECTOR);
        def("histogram_fraction", VECTOR, 0, SCALAR, SCALAR, VECTOR);
        def("label_replace", VECTOR, 0, VECTOR, STRING, STRING, STRING, STRING);
        def("label_join", VECTOR, -1, VECTOR, STRING, STRING, STRING);
        def("sort_by_label", VECTOR, -1, VECTOR, STRING);
        def("sort_by_label_desc", VECTOR, -1, VECTOR, STRING);
        def("info", VECTOR, 1, VECTOR, VECTOR);
    }

    private Functions() {
    }

    private static void def(String name, ValueType ret, int variadic, ValueType... args) {
        BY_NAME.put(name, new FunctionDef(name, List.of(args), variadic, ret));
    }

    /** The named function, or null when PromQL has none by that name. */
    public static FunctionDef get(String name) {
        return BY_NAME.get(name);
    }
}
