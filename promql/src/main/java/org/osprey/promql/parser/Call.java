package org.osprey.promql.parser;

import java.util.List;
import org.osprey.promql.value.ValueType;

/** A function call. Thread-safe: immutable. */
public record Call(FunctionDef function, List<Expr> args, int pos) implements Expr {
    public Call {
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(function.name()).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(args.get(i));
        }
        return sb.append(')').toString();
    }
}
