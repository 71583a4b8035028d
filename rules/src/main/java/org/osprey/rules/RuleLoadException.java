package org.osprey.rules;

import java.util.List;

/** Rule files that failed to load; the messages are upstream's, one per problem. */
public final class RuleLoadException extends Exception {
    private final List<String> errors;

    public RuleLoadException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
