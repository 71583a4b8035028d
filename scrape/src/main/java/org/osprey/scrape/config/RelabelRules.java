package org.osprey.scrape.config;

import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.model.relabel.RelabelAction;
import org.osprey.model.relabel.RelabelConfig;
import org.osprey.model.relabel.Relabeler;

/**
 * A list of {@link RelabelRule}s compiled once into model's {@link RelabelConfig}s and run with
 * model's {@link Relabeler}, so scrape and every other relabeling user share one implementation.
 * Thread-safe: immutable after construction.
 */
public final class RelabelRules {
    public static final RelabelRules NONE = new RelabelRules(List.of());

    private final List<RelabelConfig> configs;

    /**
     * @throws IllegalArgumentException when model's validation rejects a rule (config loading has
     *                                  already applied the same rules, so this means a programming error)
     */
    public RelabelRules(List<RelabelRule> rules) {
        List<RelabelConfig> out = new ArrayList<>(rules.size());
        for (RelabelRule r : rules) {
            out.add(compile(r));
        }
        this.configs = List.copyOf(out);
    }

    /** The model's form of one rule; only what the file set explicitly is passed as explicit. */
    static RelabelConfig compile(RelabelRule r) {
        RelabelConfig.Builder b = RelabelConfig.builder()
                .separator(r.separator())
                .modulus(r.modulus())
                .targetLabel(r.targetLabel())
                .replacement(r.replacement())
                .action(RelabelAction.parse(r.action()));
        if (!r.sourceLabels().isEmpty()) {
            b.sourceLabels(r.sourceLabels());
        }
        if (!r.regex().equals(RelabelRule.DEFAULT_REGEX)) {
            b.regex(r.regex());
        }
        return b.build();
    }

    public boolean isEmpty() {
        return configs.isEmpty();
    }

    /** The relabeled set, or null when a rule dropped it. */
    public Labels process(Labels in) {
        return Relabeler.process(in, configs);
    }
}
