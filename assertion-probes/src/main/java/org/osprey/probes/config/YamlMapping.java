package org.osprey.probes.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osprey.model.value.PromDuration;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping node read with its source positions, so every error names file, line and key.
 * Unknown keys are rejected on construction. Thread-safe: not needed, one loader at a time.
 */
final class YamlMapping {
    private final String source;
    private final Node node;
    private final String context;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    YamlMapping(String source, Node node, String context, Set<String> allowed) throws ProbeConfigException {
        this.source = source;
        this.node = node;
        this.context = context;
        if (!(node instanceof MappingNode m)) {
            throw error(node, context + " must be a mapping");
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw error(t.getKeyNode(), "keys in " + context + " must be strings");
            }
            String key = k.getValue();
            if (entries.containsKey(key)) {
                // The SafeConstructor pass already refuses duplicates; this keeps the walk correct alone.
                throw error(k, "duplicate key \"" + key + "\" in " + context);
            }
            if (allowed != null && !allowed.contains(key)) {
                throw error(k, "unknown key \"" + key + "\" in " + context);
            }
            entries.put(key, t);
        }
    }

    /** The same mapping under another name in error messages, checked against {@code allowed}. */
    YamlMapping withContext(String newContext, Set<String> allowed) throws ProbeConfigException {
        return new YamlMapping(source, node, newContext, allowed);
    }

    String context() {
        return context;
    }

    Node node() {
        return node;
    }

    ProbeConfigException error(Node at, String message) {
        return new ProbeConfigException(source, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, message);
    }

    /** The value node, or null when the key is absent or explicitly null. */
    Node value(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return null;
        }
        Node v = t.getValueNode();
        return v instanceof ScalarNode s && s.getTag().equals(Tag.NULL) ? null : v;
    }

    /** The key node, for pointing errors at the key rather than its value. */
    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    boolean has(String key) {
        return value(key) != null;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    String string(String key, String dflt) throws ProbeConfigException {
        Node v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof ScalarNode s)) {
            throw error(v, "\"" + key + "\" in " + context + " must be a string");
        }
        return s.getValue();
    }

    String requiredString(String key) throws ProbeConfigException {
        String s = string(key, null);
        if (s == null || s.isEmpty()) {
            throw error(node, "missing \"" + key + "\" in " + context);
        }
        return s;
    }

    Duration duration(String key, Duration dflt) throws ProbeConfigException {
        String s = string(key, null);
        if (s == null) {
            return dflt;
        }
        try {
            return PromDuration.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(value(key), "\"" + key + "\" in " + context + ": " + e.getMessage());
        }
    }

    int integer(String key, int dflt) throws ProbeConfigException {
        String s = string(key, null);
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(value(key), "\"" + key + "\" in " + context + " must be an integer, got \"" + s + "\"");
        }
    }

    boolean bool(String key, boolean dflt) throws ProbeConfigException {
        String s = string(key, null);
        if (s == null) {
            return dflt;
        }
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(value(key), "\"" + key + "\" in " + context + " must be true or false, got \"" + s + "\"");
        };
    }

    /** A mapping of string to string, in file order; empty when absent. */
    Map<String, String> stringMap(String key) throws ProbeConfigException {
        Node v = value(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        YamlMapping m = new YamlMapping(source, v, "\"" + key + "\" of " + context, null);
        for (String k : m.keys()) {
            String s = m.string(k, null);
            if (s == null) {
                throw error(m.keyNode(k), "\"" + key + "\" of " + context + ": value of \"" + k + "\" is empty");
            }
            out.put(k, s);
        }
        return out;
    }

    /** The items of a sequence; empty when absent. */
    List<Node> list(String key) throws ProbeConfigException {
        Node v = value(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof SequenceNode seq)) {
            throw error(v, "\"" + key + "\" in " + context + " must be a list");
        }
        return new ArrayList<>(seq.getValue());
    }

    YamlMapping mapping(String key, String childContext, Set<String> allowed) throws ProbeConfigException {
        Node v = value(key);
        return v == null ? null : new YamlMapping(source, v, childContext, allowed);
    }

    String scalar(Node n, String what) throws ProbeConfigException {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, what + " in " + context + " must be a scalar");
        }
        return s.getValue();
    }
}
