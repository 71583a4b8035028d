package org.osprey.rules.template;

import java.util.Map;
import org.osprey.model.template.TemplateObject;
import org.osprey.model.template.ZeroValue;

/**
 * The dot of an alerting rule's label and annotation templates, as Prometheus's
 * {@code template.AlertTemplateData}: {@code .Labels}, {@code .ExternalLabels},
 * {@code .ExternalURL}, {@code .Value}. Immutable.
 */
public record AlertTemplateData(Map<String, String> labels, Map<String, String> externalLabels, String externalURL,
        double value) implements TemplateObject {
    public AlertTemplateData {
        labels = ZeroValue.stringMap(labels);
        externalLabels = ZeroValue.stringMap(externalLabels);
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "Labels" -> labels;
            case "ExternalLabels" -> externalLabels;
            case "ExternalURL" -> externalURL;
            case "Value" -> value;
            default -> MISSING;
        };
    }

    @Override
    public String typeName() {
        return "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }";
    }
}
