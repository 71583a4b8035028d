package org.osprey.scrape.config;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
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
 * A composed YAML node with its source file, read with the strictness of Go's
 * {@code yaml.UnmarshalStrict}: scalars convert to the requested type or fail naming the line,
 * and {@link Fields} reports any key nobody asked for.
 *
 * <p>We read the composed node graph rather than loaded Maps because only nodes keep line numbers,
 * which the error messages need. Thread-safe: immutable after construction.
 */
final class YamlNode {
    private final Node node;
    private final String file;

    YamlNode(Node node, String file) {
        this.node = node;
        this.file = file;
    }

    String file() {
        return file;
    }

    /** 1-based line, as upstream reports it. */
    int line() {
        return node.getStartMark().getLine() + 1;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    ConfigException error(String message) {
        return new ConfigException("parsing YAML file " + file + ": " + message);
    }

    ConfigException typeError(String goType) {
        String v = node instanceof ScalarNode s ? "`" + s.getValue() + "`" : node instanceof SequenceNode ? "!!seq" : "!!map";
        String kind = node instanceof ScalarNode s ? s.getTag().getValue().replace("tag:yaml.org,2002:", "!!") : "";
        return error("yaml: unmarshal errors:\n  line " + line() + ": cannot unmarshal "
                + (node instanceof ScalarNode ? kind + " " + v : v) + " into " + goType);
    }

    /** Scalar text; null nodes give "" (Go's zero value); !!binary decodes to UTF-8 text. */
    String asString() throws ConfigException {
        if (!(node instanceof ScalarNode s)) {
            throw typeError("string");
        }
        if (s.getTag().equals(Tag.NULL)) {
            return "";
        }
        if (s.getTag().equals(Tag.BINARY)) {
            return decodeBinary(s.getValue());
        }
        return s.getValue();
    }

    private String decodeBinary(String b64) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(b64.replaceAll("\\s", ""));
            // The MIME decoder skips junk; Go's decoder does not, so re-check strictly.
            Base64.getDecoder().decode(b64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw error("yaml: line " + line() + ": !!binary value contains invalid base64 data");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Java strings cannot carry invalid UTF-8; such a value can never be a valid label
            // name or value, so fail here with upstream's wording for either case.
            StringBuilder q = new StringBuilder("\"");
            for (byte b : bytes) {
                if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                    q.append((char) b);
                } else {
                    q.append(String.format("\\x%02x", b & 0xff));
                }
            }
            q.append('"');
            throw new InvalidUtf8(q.toString(), this);
        }
    }

    /** Thrown for a !!binary scalar that is not UTF-8; callers add which field it was. */
    static final class InvalidUtf8 extends ConfigException {
        final String quoted;

        InvalidUtf8(String quoted, YamlNode at) {
            super("parsing YAML file " + at.file + ": line " + at.line() + ": " + quoted + " is not valid UTF-8");
            this.quoted = quoted;
        }
    }

    boolean asBool() throws ConfigException {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            String v = s.getValue().toLowerCase();
            return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
        }
        if (isNull()) {
            return false;
        }
        throw typeError("bool");
    }

    long asLong() throws ConfigException {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                return Long.decode(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                throw typeError("int");
            }
        }
        if (isNull()) {
            return 0;
        }
        throw typeError("int");
    }

    double asDouble() throws ConfigException {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                return Double.parseDouble(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                throw typeError("float64");
            }
        }
        if (isNull()) {
            return 0;
        }
        throw typeError("float64");
    }

    /** Prometheus duration ("15s", "1h30m"); null gives the default. */
    long asDurationMillis() throws ConfigException {
        String s = asString();
        try {
            return PromDuration.parseMillis(s);
        } catch (IllegalArgumentException e) {
            throw error("line " + line() + ": " + e.getMessage());
        }
    }

    List<YamlNode> asList() throws ConfigException {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw typeError("[]" + "");
        }
        List<YamlNode> out = new ArrayList<>(seq.getValue().size());
        for (Node n : seq.getValue()) {
            out.add(new YamlNode(n, file));
        }
        return out;
    }

    List<String> asStringList() throws ConfigException {
        List<String> out = new ArrayList<>();
        for (YamlNode n : asList()) {
            out.add(n.asString());
        }
        return List.copyOf(out);
    }

    /** A map of string to string, keys in file order, duplicates rejected. */
    Map<String, String> asStringMap(String goType) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<YamlNode, YamlNode> e : entries(goType)) {
            out.put(e.getKey().asString(), e.getValue().asString());
        }
        return out;
    }

    /** Raw entries of a mapping (empty for null), duplicate keys rejected as Go's decoder does. */
    List<Map.Entry<YamlNode, YamlNode>> entries(String goType) throws ConfigException {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof MappingNode m)) {
            throw typeError(goType);
        }
        List<Map.Entry<YamlNode, YamlNode>> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            YamlNode k = new YamlNode(t.getKeyNode(), file);
            if (k.node instanceof ScalarNode ks && !ks.getTag().equals(Tag.BINARY) && !seen.add(ks.getValue())) {
                throw error("yaml: unmarshal errors:\n  line " + k.line() + ": field " + ks.getValue()
                        + " already set in type " + goType);
            }
            out.add(Map.entry(k, new YamlNode(t.getValueNode(), file)));
        }
        return out;
    }

    /** Opens this node as a struct of the given Go-style type name (used in error messages). */
    Fields fields(String goType) throws ConfigException {
        return new Fields(this, goType);
    }

    /**
     * The keys of one mapping read as struct fields: each getter marks its key used, and
     * {@link #done()} fails on the first key nobody asked for, like upstream's strict decoding.
     */
    static final class Fields {
        private final YamlNode self;
        private final String goType;
        private final Map<String, YamlNode> values = new LinkedHashMap<>();
        private final Map<String, YamlNode> keys = new LinkedHashMap<>();
        private final Set<String> used = new HashSet<>();

        Fields(YamlNode self, String goType) throws ConfigException {
            this.self = self;
            this.goType = goType;
            for (Map.Entry<YamlNode, YamlNode> e : self.entries(goType)) {
                String k = e.getKey().asString();
                values.put(k, e.getValue());
                keys.put(k, e.getKey());
            }
        }

        YamlNode node() {
            return self;
        }

        boolean has(String key) {
            used.add(key);
            return values.containsKey(key);
        }

        /** The value node, or null when the key is absent. */
        YamlNode get(String key) {
            used.add(key);
            return values.get(key);
        }

        /** Marks keys as known without reading them (parsed elsewhere or accepted as-is). */
        void accept(String... names) {
            used.addAll(List.of(names));
        }

        String string(String key, String dflt) throws ConfigException {
            YamlNode n = get(key);
            return n == null ? dflt : n.asString();
        }

        boolean bool(String key, boolean dflt) throws ConfigException {
            YamlNode n = get(key);
            return n == null ? dflt : n.asBool();
        }

        long integer(String key, long dflt) throws ConfigException {
            YamlNode n = get(key);
            return n == null ? dflt : n.asLong();
        }

        long durationMillis(String key, long dflt) throws ConfigException {
            YamlNode n = get(key);
            return n == null || n.isNull() ? dflt : n.asDurationMillis();
        }

        List<String> strings(String key) throws ConfigException {
            YamlNode n = get(key);
            return n == null ? List.of() : n.asStringList();
        }

        List<YamlNode> list(String key) throws ConfigException {
            YamlNode n = get(key);
            return n == null ? List.of() : n.asList();
        }

        Set<String> keys() {
            return values.keySet();
        }

        /** Fails on the first key that no getter asked for. */
        void done() throws ConfigException {
            for (Map.Entry<String, YamlNode> e : keys.entrySet()) {
                if (!used.contains(e.getKey())) {
                    throw self.error("yaml: unmarshal errors:\n  line " + e.getValue().line() + ": field "
                            + e.getKey() + " not found in type " + goType);
                }
            }
        }
    }
}
