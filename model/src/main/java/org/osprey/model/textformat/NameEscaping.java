package org.osprey.model.textformat;

import java.util.Locale;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;

/**
 * How metric and label names outside the legacy character set are written for a client, as
 * Prometheus 3 negotiates it with the {@code escaping} parameter of the {@code Accept} header:
 * kept as UTF-8 (quoted by the writers), or escaped with underscores, dots or value encoding.
 * Thread-safe: enum.
 */
public enum NameEscaping {
    /** Keep UTF-8 names; writers quote them. */
    ALLOW_UTF8("allow-utf-8"),
    /** Replace each character outside {@code [a-zA-Z0-9_:]} with '_' (the default). */
    UNDERSCORES("underscores"),
    /** '_' becomes "__", '.' becomes "_dot_", anything else invalid "__"; applied to every name. */
    DOTS("dots"),
    /** Prefix "U__"; '_' becomes "__", anything else invalid "_&lt;hex code point&gt;_". */
    VALUES("values");

    private final String param;

    NameEscaping(String param) {
        this.param = param;
    }

    /** The {@code escaping} parameter value. */
    public String param() {
        return param;
    }

    /**
     * The scheme an Accept header asks for: the first valid {@code escaping=} parameter, else
     * {@link #UNDERSCORES}, Prometheus's default for clients that do not ask.
     */
    public static NameEscaping fromAccept(String accept) {
        if (accept != null) {
            for (String part : accept.split("[;,]")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase("escaping")) {
                    String v = part.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
                    for (NameEscaping e : values()) {
                        if (e.param.equals(v)) {
                            return e;
                        }
                    }
                }
            }
        }
        return UNDERSCORES;
    }

    /** Escapes one metric or label name. */
    public String escape(String name) {
        if (name.isEmpty() || this == ALLOW_UTF8) {
            return name;
        }
        if (this != DOTS && LabelNames.isLegacyMetricName(name)) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 8);
        if (this == VALUES) {
            sb.append("U__");
        }
        int i = 0;
        for (int off = 0; off < name.length(); i++) {
            int cp = name.codePointAt(off);
            off += Character.charCount(cp);
            boolean legacy = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_' || cp == ':'
                    || (cp >= '0' && cp <= '9' && i > 0);
            switch (this) {
                case UNDERSCORES -> sb.append(legacy ? (char) cp : '_');
                case DOTS -> {
                    if (cp == '_') {
                        sb.append("__");
                    } else if (cp == '.') {
                        sb.append("_dot_");
                    } else if (legacy) {
                        sb.append((char) cp);
                    } else {
                        sb.append("__");
                    }
                }
                default -> {
                    if (cp == '_') {
                        sb.append("__");
                    } else if (legacy) {
                        sb.append((char) cp);
                    } else if (Character.isSurrogate((char) cp)) {
                        sb.append("_FFFD_");
                    } else {
                        sb.append('_').append(Integer.toHexString(cp)).append('_');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Escapes the metric name (the {@code __name__} value) and every label name. */
    public Labels escape(Labels labels) {
        if (this == ALLOW_UTF8) {
            return labels;
        }
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < labels.size(); i++) {
            String n = labels.name(i);
            String v = labels.value(i);
            if (n.equals(Labels.METRIC_NAME)) {
                b.set(n, escape(v));
            } else {
                b.set(escape(n), v);
            }
        }
        return b.build();
    }
}
