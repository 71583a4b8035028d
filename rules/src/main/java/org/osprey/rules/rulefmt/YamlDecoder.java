package org.osprey.rules.rulefmt;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osprey.model.value.PromDuration;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Strict YAML decoding over SnakeYAML's node graph with Go yaml's error wording
 * ({@code yaml: unmarshal errors:\n  line 8: field annotation not found in type rulefmt.RuleNode}),
 * node positions, anchors, aliases and {@code <<} merge keys. Collects type errors so all are
 * reported together, as Go does. Not thread-safe: one decoder per document.
 */
public final class YamlDecoder {
    private final boolean strict;
    private final List<String> errors = new ArrayList<>();

    public YamlDecoder(boolean strict) {
        this.strict = strict;
    }

    /** A fatal decoding failure (syntax error or a value's own parse error), with Go's message. */
    public static final class YamlError extends Exception {
        public YamlError(String message) {
            super(message);
        }
    }

    /**
     * Composes the document into nodes; null for an empty document.
     *
     * @throws YamlError on a syntax error ({@code yaml: line N: problem})
     */
    public static Node compose(String content) throws YamlError {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(64 * 1024 * 1024);
        opts.setMaxAliasesForCollections(10_000);
        try {
            return new Yaml(new SafeConstructor(opts)).compose(new StringReader(content));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new YamlError("yaml: line " + line + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new YamlError("yaml: " + e.getMessage());
        }
    }

    /** Line (1-based) of a node. */
    public static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    /** Column (1-based) of a node. */
    public static int column(Node n) {
        return n.getStartMark().getColumn() + 1;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Go's aggregated message: {@code yaml: unmarshal errors:\n  line N: ...}. */
    public String errorText() {
        StringBuilder sb = new StringBuilder("yaml: unmarshal errors:");
        for (String e : errors) {
            sb.append("\n  ").append(e);
        }
        return sb.toString();
    }

    private static String tagName(Node n) {
        Tag t = n.getTag();
        if (t.equals(Tag.MAP)) {
            return "!!map";
        }
        if (t.equals(Tag.SEQ)) {
            return "!!seq";
        }
        String v = t.getValue();
        return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
    }

    private void typeError(Node n, String goType) {
        String shown = n instanceof ScalarNode s ? " `" + s.getValue() + "`" : "";
        errors.add("line " + line(n) + ": cannot unmarshal " + tagName(n) + shown + " into " + goType);
    }

    public static boolean isNull(Node n) {
        return n == null || (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    /**
     * The key/value nodes of a mapping with merge keys applied; unknown keys are errors when strict.
     *
     * @param known the accepted keys, or null to accept any
     * @return null when the node is null, or not a mapping (a type error is recorded)
     */
    public Map<String, Node> mapping(Node n, String goType, Set<String> known) {
        if (isNull(n)) {
            return null;
        }
        if (!(n instanceof MappingNode m)) {
            typeError(n, goType);
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (k.getTag().equals(Tag.MERGE)) {
                continue;
            }
            String key = k instanceof ScalarNode s ? s.getValue() : tagName(k);
            if (lines.containsKey(key)) {
                errors.add("line " + line(k) + ": mapping key \"" + key + "\" already defined at line " + lines.get(key));
                continue;
            }
            lines.put(key, line(k));
            if (strict && known != null && !known.contains(key)) {
                errors.add("line " + line(k) + ": field " + key + " not found in type " + goType);
                continue;
            }
            out.put(key, t.getValueNode());
        }
        // Merged mappings fill in keys the mapping does not set itself.
        for (NodeTuple t : m.getValue()) {
            if (!t.getKeyNode().getTag().equals(Tag.MERGE)) {
                continue;
            }
            List<Node> sources = new ArrayList<>();
            if (t.getValueNode() instanceof SequenceNode seq) {
                sources.addAll(seq.getValue());
            } else {
                sources.add(t.getValueNode());
            }
            for (Node src : sources) {
                Map<String, Node> merged = mapping(src, goType, known);
                if (merged != null) {
                    merged.forEach(out::putIfAbsent);
                }
            }
        }
        return out;
    }

    /** A scalar as a string (Go decodes any scalar into a string); null node gives "". */
    public String string(Node n) {
        if (isNull(n)) {
            return "";
        }
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        typeError(n, "string");
        return "";
    }

    public int integer(Node n) {
        if (isNull(n)) {
            return 0;
        }
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                return Integer.parseInt(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        typeError(n, "int");
        return 0;
    }

    public boolean bool(Node n) {
        if (isNull(n)) {
            return false;
        }
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return s.getValue().equalsIgnoreCase("true") || s.getValue().equalsIgnoreCase("yes")
                    || s.getValue().equalsIgnoreCase("on");
        }
        typeError(n, "bool");
        return false;
    }

    /**
     * A Prometheus duration value.
     *
     * @throws YamlError with the duration's own message, which Go reports alone
     */
    public long duration(Node n) throws YamlError {
        String s = string(n);
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return PromDuration.parseMillis(s);
        } catch (IllegalArgumentException e) {
            throw new YamlError(e.getMessage());
        }
    }

    public List<Node> sequence(Node n, String goType) {
        if (isNull(n)) {
            return List.of();
        }
        if (n instanceof SequenceNode s) {
            return s.getValue();
        }
        typeError(n, goType);
        return List.of();
    }

    /** A {@code map[string]string}, keys in file order. */
    public Map<String, String> stringMap(Node n) {
        Map<String, Node> m = mapping(n, "map[string]string", null);
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, string(v)));
        }
        return out;
    }
}
