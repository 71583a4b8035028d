package org.osprey.rules.unittest;

import java.io.PrintStream;

/** {@code osprey test rules FILE...}: promtool's rule unit tests (in progress). */
public final class RuleTestCommand {
    private RuleTestCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        throw new UnsupportedOperationException("osprey test rules is not implemented yet");
    }
}
