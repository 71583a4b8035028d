package org.osprey.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import org.osprey.model.labels.Labels;

/**
 * Builds upstream's {@code __meta_kubernetes_*} labels: object labels and annotations as
 * {@code <prefix>_label_<name>} / {@code _labelpresent_<name>} and {@code _annotation_} /
 * {@code _annotationpresent_}, names sanitized to {@code [a-zA-Z0-9_]}. Thread-safe: stateless.
 */
final class MetaLabels {
    static final String PREFIX = "__meta_kubernetes_";

    private MetaLabels() {
    }

    /** Upstream's strutil.SanitizeLabelName: every character outside [a-zA-Z0-9_] becomes '_'. */
    static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    /** Adds labels and annotations of {@code meta} under {@code __meta_kubernetes_<kind>_}. */
    static void addObjectMeta(Labels.Builder b, String kind, ObjectMeta meta) {
        add(b, PREFIX + kind + "_label_", PREFIX + kind + "_labelpresent_", meta.getLabels());
        add(b, PREFIX + kind + "_annotation_", PREFIX + kind + "_annotationpresent_", meta.getAnnotations());
    }

    private static void add(Labels.Builder b, String valuePrefix, String presentPrefix, Map<String, String> m) {
        if (m == null) {
            return;
        }
        for (Map.Entry<String, String> e : m.entrySet()) {
            String n = sanitize(e.getKey());
            b.set(valuePrefix + n, e.getValue() == null ? "" : e.getValue());
            b.set(presentPrefix + n, "true");
        }
    }

    static void setIfNotEmpty(Labels.Builder b, String name, String value) {
        if (value != null && !value.isEmpty()) {
            b.set(name, value);
        }
    }
}
