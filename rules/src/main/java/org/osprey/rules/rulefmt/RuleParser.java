package org.osprey.rules.rulefmt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;
import org.osprey.rules.template.TemplateExpander;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates Prometheus rule files with upstream's checks and error texts
 * ({@code 3:5: groupname: "yolo" is repeated in the same file},
 * {@code 4:17: 5:16: group "yolo", rule 1, "Hi": only one of 'record' and 'alert' must be set}).
 * Thread-safe: stateless apart from the immutable options.
 */
public final class RuleParser {
    /** Checks a PromQL expression; returns the parser's error text, or null when it parses. */
    @FunctionalInterface
    public interface ExprValidator {
        String check(String expr);

        ExprValidator ACCEPT_ALL = e -> null;
    }

    /**
     * @param ignoreUnknownFields accept unknown YAML keys (promtool's {@code --ignore-unknown-fields})
     * @param legacyNames         validate label/annotation/metric names with the legacy ASCII scheme
     * @param exprValidator       PromQL syntax check
     */
    public record Options(boolean ignoreUnknownFields, boolean legacyNames, ExprValidator exprValidator) {
        public static Options defaults(ExprValidator v) {
            return new Options(false, false, v);
        }
    }

    /** Parsed groups (null when decoding failed) and every error found. */
    public record Result(RuleGroups groups, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private static final Set<String> TOP_KEYS = Set.of("groups");
    private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "query_offset", "limit", "rules", "labels");
    private static final Set<String> RULE_KEYS = Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels",
            "annotations");

    private final Options options;

    public RuleParser(Options options) {
        this.options = options;
    }

    /** Reads and parses a file; every error is prefixed with the file name as upstream does. */
    public Result parseFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Result(null, List.of(file + ": open " + file + ": " + ioReason(e)));
        }
        Result r = parse(content);
        if (r.errors().isEmpty()) {
            return r;
        }
        List<String> prefixed = new ArrayList<>();
        for (String e : r.errors()) {
            prefixed.add(file + ": " + e);
        }
        return new Result(r.groups(), prefixed);
    }

    private static String ioReason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    /** Parses and validates rule file content. */
    public Result parse(String content) {
        Node root;
        try {
            root = YamlDecoder.compose(content);
        } catch (YamlDecoder.YamlError e) {
            return new Result(null, List.of(e.getMessage()));
        }
        YamlDecoder dec = new YamlDecoder(!options.ignoreUnknownFields());
        List<RuleGroup> groups = new ArrayList<>();
        try {
            Map<String, Node> top = dec.mapping(root, "rulefmt.RuleGroups", TOP_KEYS);
            if (top != null) {
                for (Node gn : dec.sequence(top.get("groups"), "[]rulefmt.RuleGroup")) {
                    RuleGroup g = decodeGroup(dec, gn);
                    if (g != null) {
                        groups.add(g);
                    }
                }
            }
        } catch (YamlDecoder.YamlError e) {
            return new Result(null, List.of(e.getMessage()));
        }
        if (dec.hasErrors()) {
            return new Result(null, List.of(dec.errorText()));
        }
        RuleGroups rgs = new RuleGroups(groups);
        return new Result(rgs, validate(rgs));
    }

    private RuleGroup decodeGroup(YamlDecoder dec, Node gn) throws YamlDecoder.YamlError {
        Map<String, Node> g = dec.mapping(gn, "rulefmt.RuleGroup", GROUP_KEYS);
        if (g == null) {
            return null;
        }
        String name = dec.string(g.get("name"));
        long interval = dec.duration(g.get("interval"));
        Long offset = YamlDecoder.isNull(g.get("query_offset")) ? null : dec.duration(g.get("query_offset"));
        int limit = dec.integer(g.get("limit"));
        Map<String, String> labels = dec.stringMap(g.get("labels"));
        List<Rule> rules = new ArrayList<>();
        for (Node rn : dec.sequence(g.get("rules"), "[]rulefmt.RuleNode")) {
            Map<String, Node> r = dec.mapping(rn, "rulefmt.RuleNode", RULE_KEYS);
            if (r == null) {
                continue;
            }
            rules.add(new Rule(dec.string(r.get("record")), dec.string(r.get("alert")), dec.string(r.get("expr")),
                    dec.duration(r.get("for")), dec.duration(r.get("keep_firing_for")), dec.stringMap(r.get("labels")),
                    dec.stringMap(r.get("annotations")), pos(r.get("record")), pos(r.get("alert")), pos(r.get("expr"))));
        }
        return new RuleGroup(name, interval, offset, limit, labels, rules, new Pos(YamlDecoder.line(gn), YamlDecoder.column(gn)));
    }

    private static Pos pos(Node n) {
        return n == null ? Pos.NONE : new Pos(YamlDecoder.line(n), YamlDecoder.column(n));
    }

    private boolean validLabelName(String k) {
        return options.legacyNames() ? LabelNames.isLegacyName(k) : LabelNames.isValidName(k);
    }

    private List<String> validate(RuleGroups rgs) {
        List<String> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RuleGroup g : rgs.groups()) {
            if (g.name().isEmpty()) {
                errs.add(g.pos() + ": Groupname must not be empty");
            }
            if (seen.contains(g.name())) {
                errs.add(g.pos() + ": groupname: \"" + g.name() + "\" is repeated in the same file");
            }
            seen.add(g.name());
            for (Map.Entry<String, String> e : new TreeMap<>(g.labels()).entrySet()) {
                if (!validLabelName(e.getKey()) || e.getKey().equals(Labels.METRIC_NAME)) {
                    errs.add("invalid label name: " + e.getKey());
                }
            }
            for (int i = 0; i < g.rules().size(); i++) {
                Rule r = g.rules().get(i);
                for (RuleError we : validateRule(r)) {
                    errs.add(we.format(g.name(), i + 1, r.alert().isEmpty() ? r.record() : r.alert()));
                }
            }
        }
        return errs;
    }

    /** One problem of one rule with up to two positions, formatted as upstream's rulefmt.Error. */
    record RuleError(String message, Pos node, Pos nodeAlt) {
        String format(String group, int ruleIndex, String ruleName) {
            String base = "group " + quote(group) + ", rule " + ruleIndex + ", " + quote(ruleName) + ": " + message;
            if (nodeAlt != null) {
                return node + ": " + nodeAlt + ": " + base;
            }
            if (node != null) {
                return node + ": " + base;
            }
            return base;
        }
    }

    private static String quote(String s) {
        return org.osprey.model.template.GoFormat.quote(s);
    }

    private List<RuleError> validateRule(Rule r) {
        List<RuleError> out = new ArrayList<>();
        if (!r.record().isEmpty() && !r.alert().isEmpty()) {
            out.add(new RuleError("only one of 'record' and 'alert' must be set", r.recordPos(), r.alertPos()));
        }
        if (r.record().isEmpty() && r.alert().isEmpty()) {
            out.add(new RuleError("one of 'record' or 'alert' must be set", r.recordPos(), r.alertPos()));
        }
        if (r.expr().isEmpty()) {
            out.add(new RuleError("field 'expr' must be set in rule", r.exprPos(), null));
        } else {
            String err = options.exprValidator().check(r.expr());
            if (err != null) {
                out.add(new RuleError("could not parse expression: " + err, r.exprPos(), null));
            }
        }
        if (!r.record().isEmpty()) {
            if (!r.annotations().isEmpty()) {
                out.add(new RuleError("invalid field 'annotations' in recording rule", r.recordPos(), null));
            }
            if (r.forMillis() != 0) {
                out.add(new RuleError("invalid field 'for' in recording rule", r.recordPos(), null));
            }
            if (r.keepFiringForMillis() != 0) {
                out.add(new RuleError("invalid field 'keep_firing_for' in recording rule", r.recordPos(), null));
            }
            boolean validName = options.legacyNames() ? LabelNames.isLegacyMetricName(r.record()) : LabelNames.isValidName(r.record());
            if (!validName) {
                out.add(new RuleError("invalid recording rule name: " + r.record(), r.recordPos(), null));
            }
            // Valid UTF-8, but usually a PromQL selector pasted into the name by mistake.
            if (r.record().contains("{") || r.record().contains("}")) {
                out.add(new RuleError("braces present in the recording rule name; should it be in expr?: " + r.record(),
                        r.recordPos(), null));
            }
        }
        for (String k : new TreeMap<>(r.labels()).keySet()) {
            if (!validLabelName(k) || k.equals(Labels.METRIC_NAME)) {
                out.add(new RuleError("invalid label name: " + k, null, null));
            }
        }
        for (String k : new TreeMap<>(r.annotations()).keySet()) {
            if (!validLabelName(k)) {
                out.add(new RuleError("invalid annotation name: " + k, null, null));
            }
        }
        if (!r.alert().isEmpty()) {
            for (Map.Entry<String, String> e : new TreeMap<>(r.labels()).entrySet()) {
                String err = TemplateExpander.parseError(r.alert(), e.getValue());
                if (err != null) {
                    out.add(new RuleError("label " + quote(e.getKey()) + ": " + err, null, null));
                }
            }
            for (Map.Entry<String, String> e : new TreeMap<>(r.annotations()).entrySet()) {
                String err = TemplateExpander.parseError(r.alert(), e.getValue());
                if (err != null) {
                    out.add(new RuleError("annotation " + quote(e.getKey()) + ": " + err, null, null));
                }
            }
        }
        return out;
    }
}
