package org.osprey.scrape.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.RegexCompiler;

/**
 * One {@code relabel_configs} entry as written in the file, defaults applied and validated as
 * upstream validates it. Execution is {@code org.osprey.model.relabel}'s job. Thread-safe: immutable.
 *
 * @param regex the regex source (unanchored as written; relabeling anchors it)
 */
public record RelabelRule(List<String> sourceLabels, String separator, String regex, long modulus,
                          String targetLabel, String replacement, String action) {
    public static final String DEFAULT_SEPARATOR = ";";
    public static final String DEFAULT_REGEX = "(.*)";
    public static final String DEFAULT_REPLACEMENT = "$1";
    static final Set<String> ACTIONS = Set.of("replace", "keep", "drop", "keepequal", "dropequal", "hashmod",
            "labelmap", "labeldrop", "labelkeep", "lowercase", "uppercase");

    public RelabelRule {
        sourceLabels = List.copyOf(sourceLabels);
    }

    /** Parses one entry; {@code what} names the list for the empty-entry error ("target relabeling rule"). */
    static RelabelRule parse(YamlNode n, String what) throws ConfigException {
        if (n.isNull()) {
            throw n.error("empty or null " + what);
        }
        YamlNode.Fields f = n.fields("relabel.plain");
        List<String> source = f.strings("source_labels");
        boolean sourceSet = f.has("source_labels");
        String separator = f.string("separator", DEFAULT_SEPARATOR);
        String regex = f.string("regex", DEFAULT_REGEX);
        long modulus = f.integer("modulus", 0);
        String target = f.string("target_label", "");
        String replacement;
        try {
            replacement = f.string("replacement", DEFAULT_REPLACEMENT);
        } catch (YamlNode.InvalidUtf8 e) {
            throw n.error(e.quoted + " is invalid 'replacement' for labelmap action");
        }
        String action = f.string("action", "replace").toLowerCase(Locale.ROOT);
        f.done();
        RelabelRule r = new RelabelRule(source, separator, regex, modulus, target, replacement, action);
        try {
            r.validate(sourceSet);
            // The model runs the rule; its own validation must agree that the rule is usable.
            RelabelRules.compile(r);
        } catch (IllegalArgumentException e) {
            throw n.error("line " + n.line() + ": " + e.getMessage());
        }
        return r;
    }

    /** Upstream's relabel.Config.Validate rules; the message is upstream's wording. */
    void validate(boolean sourceLabelsSet) {
        if (action.isEmpty()) {
            throw new IllegalArgumentException("relabel action cannot be empty");
        }
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("unknown relabel action \"" + action + "\"");
        }
        try {
            RegexCompiler.compileAnchored(regex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (modulus == 0 && action.equals("hashmod")) {
            throw new IllegalArgumentException("relabel configuration for hashmod requires non-zero modulus");
        }
        boolean needsTarget = switch (action) {
            case "replace", "hashmod", "lowercase", "uppercase", "keepequal", "dropequal" -> true;
            default -> false;
        };
        if (needsTarget && targetLabel.isEmpty()) {
            throw new IllegalArgumentException("relabel configuration for " + action + " action requires 'target_label' value");
        }
        if ((action.equals("replace") || action.equals("lowercase") || action.equals("uppercase"))
                && !targetLabel.contains("$") && !LabelNames.isValidName(targetLabel)) {
            throw new IllegalArgumentException("\"" + targetLabel + "\" is invalid 'target_label' for " + action + " action");
        }
        if ((action.equals("lowercase") || action.equals("uppercase")) && !replacement.equals(DEFAULT_REPLACEMENT)) {
            throw new IllegalArgumentException("'replacement' can not be set for " + action + " action");
        }
        if (action.equals("labelmap") && !replacement.contains("$") && !LabelNames.isValidName(replacement)) {
            throw new IllegalArgumentException("\"" + replacement + "\" is invalid 'replacement' for labelmap action");
        }
        if (action.equals("hashmod") && !LabelNames.isValidName(targetLabel)) {
            throw new IllegalArgumentException("\"" + targetLabel + "\" is invalid 'target_label' for hashmod action");
        }
        if ((action.equals("keepequal") || action.equals("dropequal"))
                && (!regex.equals(DEFAULT_REGEX) || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR)
                || !replacement.equals(DEFAULT_REPLACEMENT))) {
            throw new IllegalArgumentException(action + " action requires only 'source_labels' and `target_label`, and no other fields");
        }
        if ((action.equals("labeldrop") || action.equals("labelkeep"))
                && (sourceLabelsSet || !targetLabel.isEmpty() || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR)
                || !replacement.equals(DEFAULT_REPLACEMENT))) {
            throw new IllegalArgumentException(action + " action requires only 'regex', and no other fields");
        }
    }
}
