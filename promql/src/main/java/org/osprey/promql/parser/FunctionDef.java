package org.osprey.promql.parser;

import java.util.List;
import org.osprey.promql.value.ValueType;

/**
 * A function's signature. {@code variadic}: 0 = exactly the listed arguments; n &gt; 0 = the last
 * argument type may be repeated so that up to n more (counting from the listed ones) are given, or
 * the last one may be left out; -1 = the last type may repeat without bound (or be left out).
 * Thread-safe: immutable.
 */
public record FunctionDef(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
}
