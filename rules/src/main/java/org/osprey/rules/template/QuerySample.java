package org.osprey.rules.template;

import java.util.Map;
import org.osprey.model.template.TemplateObject;
import org.osprey.model.template.ZeroValue;

/**
 * One element of a template {@code query} result, as Prometheus's {@code *template.sample}:
 * fields {@code .Labels} (map[string]string) and {@code .Value} (float64). Immutable.
 */
public record QuerySample(Map<String, String> labels, double value) implements TemplateObject {
    public QuerySample {
        labels = ZeroValue.stringMap(Map.copyOf(labels));
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "Labels" -> labels;
            case "Value" -> value;
            default -> MISSING;
        };
    }

    @Override
    public String typeName() {
        return "*template.sample";
    }

    @Override
    public String toString() {
        return "&{" + org.osprey.model.template.GoFormat.toString(labels) + " "
                + org.osprey.model.template.GoFormat.toString(value) + "}";
    }
}
