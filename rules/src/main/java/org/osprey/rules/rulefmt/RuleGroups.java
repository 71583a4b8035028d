package org.osprey.rules.rulefmt;

import java.util.List;

/** The content of one rule file. Immutable. */
public record RuleGroups(List<RuleGroup> groups) {
    public RuleGroups {
        groups = List.copyOf(groups);
    }

    public int ruleCount() {
        int n = 0;
        for (RuleGroup g : groups) {
            n += g.rules().size();
        }
        return n;
    }
}
