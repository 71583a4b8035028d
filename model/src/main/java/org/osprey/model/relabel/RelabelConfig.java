package org.osprey.model.relabel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Re2Regex;

/**
 * One {@code relabel_config} entry, validated as Prometheus 3 validates it (UTF-8 label names).
 *
 * <p>Defaults follow upstream: separator {@code ;}, regex {@code (.*)} (fully anchored),
 * replacement {@code $1}, action {@code replace}. Whether regex and source_labels were given
 * explicitly matters for validation exactly as upstream: {@code keepequal}/{@code dropequal}
 * reject any explicit regex, {@code labelkeep}/{@code labeldrop} reject explicit source_labels
 * even when empty. Build with {@link #builder()} or {@link #fromMap(Map)}. Thread-safe: immutable.
 */
public final class RelabelConfig {
    public static final String DEFAULT_SEPARATOR = ";";
    public static final String DEFAULT_REGEX = "(.*)";
    public static final String DEFAULT_REPLACEMENT = "$1";
    private static final Re2Regex DEFAULT_COMPILED = Re2Regex.compile(DEFAULT_REGEX);

    private final List<String> sourceLabels; // null when not configured
    private final String separator;
    private final Re2Regex regex;
    private final boolean regexDefault;
    private final long modulus;
    private final String targetLabel;
    private final String replacement;
    private final RelabelAction action;
    private final boolean legacyNames;

    private RelabelConfig(Builder b) {
        this.sourceLabels = b.sourceLabels == null ? null : List.copyOf(b.sourceLabels);
        this.separator = b.separator;
        this.regexDefault = b.regex == null;
        this.regex = b.regex == null ? DEFAULT_COMPILED : Re2Regex.compile(b.regex);
        this.modulus = b.modulus;
        this.targetLabel = b.targetLabel;
        this.replacement = b.replacement;
        this.action = b.action;
        this.legacyNames = b.legacyNames;
        validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Source label names in order; empty when none were configured. */
    public List<String> sourceLabels() {
        return sourceLabels == null ? List.of() : sourceLabels;
    }

    public String separator() {
        return separator;
    }

    public Re2Regex regex() {
        return regex;
    }

    /** True when no regex was configured (the shared default {@code (.*)} applies). */
    public boolean regexIsDefault() {
        return regexDefault;
    }

    /** The hashmod modulus, an unsigned 64-bit value (0 when not set). */
    public long modulus() {
        return modulus;
    }

    public String targetLabel() {
        return targetLabel;
    }

    public String replacement() {
        return replacement;
    }

    public RelabelAction action() {
        return action;
    }

    /** True when names are checked with the legacy scheme ({@code metric_name_validation_scheme: legacy}). */
    public boolean legacyNames() {
        return legacyNames;
    }

    /** A label name as the configured validation scheme sees it. */
    boolean validName(String n) {
        return legacyNames ? LabelNames.isLegacyName(n) : LabelNames.isValidName(n);
    }

    private boolean validNameWithVars(String n) {
        return legacyNames ? legacyNameWithVars(n) : LabelNames.isValidName(n);
    }

    /**
     * The legacy scheme's check for a target that may hold {@code $1} / {@code ${name}}
     * references (upstream's {@code relabelTargetLegacy}): word characters and references, not
     * starting with a digit. Checked in one pass rather than with the nested-quantifier regex,
     * which backtracks exponentially in Java.
     */
    static boolean legacyNameWithVars(String n) {
        if (n.isEmpty()) {
            return false;
        }
        int i = 0;
        boolean first = true;
        while (i < n.length()) {
            char c = n.charAt(i);
            if (c == '$') {
                int j = i + 1;
                if (j < n.length() && n.charAt(j) == '{') {
                    int k = j + 1;
                    while (k < n.length() && isWord(n.charAt(k))) {
                        k++;
                    }
                    if (k == j + 1 || k >= n.length() || n.charAt(k) != '}') {
                        return false;
                    }
                    i = k + 1;
                } else {
                    int k = j;
                    while (k < n.length() && isWord(n.charAt(k))) {
                        k++;
                    }
                    if (k == j) {
                        return false;
                    }
                    i = k;
                }
            } else if (isWord(c) && !(first && c >= '0' && c <= '9')) {
                i++;
            } else {
                return false;
            }
            first = false;
        }
        return true;
    }

    private static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private void validate() {
        RelabelAction a = action;
        if (modulus == 0 && a == RelabelAction.HASHMOD) {
            throw new IllegalArgumentException("relabel configuration for hashmod requires non-zero modulus");
        }
        boolean needsTarget = a == RelabelAction.REPLACE || a == RelabelAction.HASHMOD || a == RelabelAction.LOWERCASE
                || a == RelabelAction.UPPERCASE || a == RelabelAction.KEEPEQUAL || a == RelabelAction.DROPEQUAL;
        if (needsTarget && targetLabel.isEmpty()) {
            throw new IllegalArgumentException("relabel configuration for " + a + " action requires 'target_label' value");
        }
        boolean caseOrEqual = a == RelabelAction.LOWERCASE || a == RelabelAction.UPPERCASE
                || a == RelabelAction.KEEPEQUAL || a == RelabelAction.DROPEQUAL;
        boolean targetOk = a == RelabelAction.REPLACE && targetLabel.indexOf('$') >= 0
                ? validNameWithVars(targetLabel) : validName(targetLabel);
        if ((a == RelabelAction.REPLACE || caseOrEqual || a == RelabelAction.HASHMOD) && !targetOk) {
            throw new IllegalArgumentException(goQuote(targetLabel) + " is invalid 'target_label' for " + a + " action");
        }
        if (caseOrEqual && !replacement.equals(DEFAULT_REPLACEMENT)) {
            throw new IllegalArgumentException("'replacement' can not be set for " + a + " action");
        }
        if (a == RelabelAction.LABELMAP && !validNameWithVars(replacement)) {
            throw new IllegalArgumentException(goQuote(replacement) + " is invalid 'replacement' for " + a + " action");
        }
        if (a == RelabelAction.DROPEQUAL || a == RelabelAction.KEEPEQUAL) {
            if (!regexDefault || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR) || !replacement.equals(DEFAULT_REPLACEMENT)) {
                throw new IllegalArgumentException(a + " action requires only 'source_labels' and `target_label`, and no other fields");
            }
        }
        if (a == RelabelAction.LABELDROP || a == RelabelAction.LABELKEEP) {
            if (sourceLabels != null || !targetLabel.isEmpty() || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR)
                    || !replacement.equals(DEFAULT_REPLACEMENT)) {
                throw new IllegalArgumentException(a + " action requires only 'regex', and no other fields");
            }
        }
        if (sourceLabels != null) {
            for (String l : sourceLabels) {
                if (!validName(l)) {
                    throw new IllegalArgumentException(goQuote(l) + " is not a valid label name");
                }
            }
        }
    }

    /**
     * Builds from a YAML mapping as SnakeYAML loads it ({@code source_labels}, {@code separator},
     * {@code regex}, {@code modulus}, {@code target_label}, {@code replacement}, {@code action}).
     * Scalars given as numbers or booleans are read as their text, as Go's YAML decoder does for
     * string fields.
     *
     * @throws IllegalArgumentException for an unknown key ({@code field foo not found in type
     *     relabel.plain}, upstream's strict-decoding wording), a value of the wrong kind, or any
     *     validation error above
     */
    public static RelabelConfig fromMap(Map<String, ?> m) {
        return fromMap(m, false);
    }

    /**
     * As {@link #fromMap(Map)}, checking names with the legacy scheme when {@code legacyNames}
     * ({@code metric_name_validation_scheme: legacy}).
     *
     * @throws IllegalArgumentException also for a null entry ({@code empty or null relabeling rule})
     */
    public static RelabelConfig fromMap(Map<String, ?> m, boolean legacyNames) {
        if (m == null) {
            throw new IllegalArgumentException("empty or null relabeling rule");
        }
        Builder b = builder().legacyNames(legacyNames);
        for (Map.Entry<String, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (k) {
                case "source_labels" -> {
                    if (v == null) {
                        continue;
                    }
                    if (!(v instanceof List<?> list)) {
                        throw new IllegalArgumentException("source_labels must be a list of label names, got " + describe(v));
                    }
                    List<String> names = new ArrayList<>();
                    for (Object o : list) {
                        names.add(scalar("source_labels", o));
                    }
                    b.sourceLabels(names);
                }
                case "separator" -> b.separator(v == null ? DEFAULT_SEPARATOR : scalar(k, v));
                case "regex" -> {
                    if (v != null) {
                        b.regex(scalar(k, v));
                    }
                }
                case "modulus" -> {
                    if (v == null) {
                        continue;
                    }
                    if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
                        throw new IllegalArgumentException("modulus must be an unsigned integer, got " + describe(v));
                    }
                    if (n instanceof java.math.BigInteger big) {
                        if (big.signum() < 0 || big.bitLength() > 64) {
                            throw new IllegalArgumentException("modulus must be an unsigned 64-bit integer, got " + big);
                        }
                        b.modulus(big.longValue());
                    } else {
                        if (n.longValue() < 0) {
                            throw new IllegalArgumentException("modulus must be an unsigned integer, got " + n);
                        }
                        b.modulus(n.longValue());
                    }
                }
                case "target_label" -> b.targetLabel(v == null ? "" : scalar(k, v));
                case "replacement" -> b.replacement(v == null ? DEFAULT_REPLACEMENT : scalar(k, v));
                case "action" -> {
                    if (v == null) {
                        throw new IllegalArgumentException("relabel action cannot be empty");
                    }
                    b.action(RelabelAction.parse(scalar(k, v)));
                }
                default -> throw new IllegalArgumentException("field " + k + " not found in type relabel.plain");
            }
        }
        return b.build();
    }

    private static String scalar(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        if (v instanceof byte[] bytes) {
            return bytesToString(bytes);
        }
        throw new IllegalArgumentException(key + " must be a string, got " + describe(v));
    }

    /**
     * A YAML {@code !!binary} value as Go's decoder turns it into a string: the raw bytes. Bytes
     * that are not valid UTF-8 become the lone surrogates U+DC80..U+DCFF, so name validation
     * rejects them and {@link #goQuote} prints them back as {@code \\xNN}.
     */
    private static String bytesToString(byte[] bytes) {
        java.nio.charset.CharsetDecoder dec = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            StringBuilder sb = new StringBuilder();
            for (byte x : bytes) {
                sb.append(x >= 0 ? (char) x : (char) (0xdc00 | (x & 0xff)));
            }
            return sb.toString();
        }
    }

    /** Go's %q for the messages upstream formats that way (invalid bytes as \\xNN). */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xdc80 && c <= 0xdcff) {
                sb.append(String.format("\\x%02x", c & 0xff));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String describe(Object v) {
        return v instanceof Map ? "a mapping" : v instanceof List ? "a list" : String.valueOf(v);
    }

    @Override
    public String toString() {
        return "RelabelConfig{action=" + action + ", source_labels=" + sourceLabels() + ", separator=" + separator
                + ", regex=" + regex.source() + ", modulus=" + Long.toUnsignedString(modulus) + ", target_label="
                + targetLabel + ", replacement=" + replacement + "}";
    }

    /** Collects fields; {@link #build()} validates. Thread-safety: not thread-safe. */
    public static final class Builder {
        private List<String> sourceLabels;
        private String separator = DEFAULT_SEPARATOR;
        private String regex;
        private long modulus;
        private String targetLabel = "";
        private String replacement = DEFAULT_REPLACEMENT;
        private RelabelAction action = RelabelAction.REPLACE;
        private boolean legacyNames;

        private Builder() {
        }

        /** Check names with the legacy scheme instead of Prometheus 3's UTF-8 scheme. */
        public Builder legacyNames(boolean legacy) {
            this.legacyNames = legacy;
            return this;
        }

        public Builder sourceLabels(List<String> names) {
            this.sourceLabels = new ArrayList<>(names);
            return this;
        }

        public Builder sourceLabels(String... names) {
            return sourceLabels(List.of(names));
        }

        public Builder separator(String s) {
            this.separator = s;
            return this;
        }

        /** An RE2 regex, anchored at both ends when used. */
        public Builder regex(String re) {
            this.regex = re;
            return this;
        }

        /** Unsigned 64-bit modulus for hashmod. */
        public Builder modulus(long m) {
            this.modulus = m;
            return this;
        }

        public Builder targetLabel(String t) {
            this.targetLabel = t;
            return this;
        }

        public Builder replacement(String r) {
            this.replacement = r;
            return this;
        }

        public Builder action(RelabelAction a) {
            this.action = a;
            return this;
        }

        /**
         * @throws IllegalArgumentException with upstream's wording when the configuration is invalid
         *     or the regex does not compile ({@code error parsing regexp: ...})
         */
        public RelabelConfig build() {
            return new RelabelConfig(this);
        }
    }
}
