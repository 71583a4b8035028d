package org.osprey.rules;

import java.util.List;

/** Receives alerts due for sending after each alerting rule evaluation. Must be thread-safe. */
@FunctionalInterface
public interface NotifyFunc {
    /**
     * @param expr   the rule's PromQL text (for the generator URL)
     * @param alerts alerts to send; resolved ones have {@code resolvedAt != 0}
     */
    void notify(String expr, List<AlertSnapshot> alerts);

    NotifyFunc NONE = (expr, alerts) -> {
    };
}
