package org.osprey.scrape.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;
import org.osprey.model.labels.RegexCompiler;

/**
 * Runs a compiled list of {@link RelabelRule}s over a label set with upstream's semantics
 * (anchored RE2-style regexes, Go {@code Regexp.Expand} templates, md5-based hashmod).
 *
 * <p>Interim: {@code org.osprey.model.relabel} is the intended home of relabeling; this runner is
 * what scrape uses until that lands, behind this one class so the swap is local.
 * Thread-safe: immutable after construction.
 */
public final class RelabelRules {
    public static final RelabelRules NONE = new RelabelRules(List.of());

    private final RelabelRule[] rules;
    private final Pattern[] patterns;

    public RelabelRules(List<RelabelRule> rules) {
        this.rules = rules.toArray(new RelabelRule[0]);
        this.patterns = new Pattern[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            patterns[i] = RegexCompiler.compileAnchored(this.rules[i].regex());
        }
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    /** The relabeled set, or null when a rule dropped it. */
    public Labels process(Labels in) {
        if (rules.length == 0) {
            return in;
        }
        Labels.Builder b = in.toBuilder();
        for (int i = 0; i < rules.length; i++) {
            if (!apply(rules[i], patterns[i], b)) {
                return null;
            }
        }
        return b.build();
    }

    private static boolean apply(RelabelRule r, Pattern p, Labels.Builder b) {
        String val = join(r, b);
        switch (r.action()) {
            case "drop" -> {
                return !p.matcher(val).matches();
            }
            case "keep" -> {
                return p.matcher(val).matches();
            }
            case "dropequal" -> {
                return !val.equals(nullToEmpty(b.get(r.targetLabel())));
            }
            case "keepequal" -> {
                return val.equals(nullToEmpty(b.get(r.targetLabel())));
            }
            case "replace" -> {
                Matcher m = p.matcher(val);
                if (!m.matches()) {
                    return true;
                }
                String target = expand(m, r.targetLabel());
                if (!LabelNames.isValidName(target)) {
                    return true;
                }
                String res = expand(m, r.replacement());
                if (res.isEmpty()) {
                    b.del(target);
                } else {
                    b.set(target, res);
                }
            }
            case "lowercase" -> b.set(r.targetLabel(), val.toLowerCase(Locale.ROOT));
            case "uppercase" -> b.set(r.targetLabel(), val.toUpperCase(Locale.ROOT));
            case "hashmod" -> b.set(r.targetLabel(), Long.toUnsignedString(Long.remainderUnsigned(md5Low64(val), r.modulus())));
            case "labelmap" -> {
                Labels cur = b.build();
                for (int i = 0; i < cur.size(); i++) {
                    Matcher m = p.matcher(cur.name(i));
                    if (m.matches()) {
                        b.set(expand(m, r.replacement()), cur.value(i));
                    }
                }
            }
            case "labeldrop", "labelkeep" -> {
                boolean drop = r.action().equals("labeldrop");
                Labels cur = b.build();
                for (int i = 0; i < cur.size(); i++) {
                    if (p.matcher(cur.name(i)).matches() == drop) {
                        b.del(cur.name(i));
                    }
                }
            }
            default -> throw new IllegalStateException("unknown relabel action " + r.action());
        }
        return true;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String join(RelabelRule r, Labels.Builder b) {
        List<String> src = r.sourceLabels();
        if (src.size() == 1) {
            return nullToEmpty(b.get(src.get(0)));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < src.size(); i++) {
            if (i > 0) {
                sb.append(r.separator());
            }
            sb.append(nullToEmpty(b.get(src.get(i))));
        }
        return sb.toString();
    }

    /** Upstream hashes with md5 and takes the low 64 bits big-endian (bytes 8..15). */
    static long md5Low64(String s) {
        try {
            byte[] h = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 8; i < 16; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Go's Regexp.Expand: {@code $name} takes the longest run of letters, digits and '_' as the
     * name ({@code $1x} is group "1x", which is empty), {@code ${name}} delimits, {@code $$} is '$'.
     */
    static String expand(Matcher m, String template) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char n = template.charAt(i + 1);
            if (n == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int next;
            if (n == '{') {
                int end = template.indexOf('}', i + 2);
                if (end < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, end);
                next = end + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                next = j;
            }
            out.append(group(m, name));
            i = next;
        }
        return out.toString();
    }

    private static String group(Matcher m, String name) {
        String g = null;
        boolean numeric = !name.isEmpty() && name.chars().allMatch(Character::isDigit);
        try {
            if (numeric) {
                int idx = Integer.parseInt(name);
                g = idx <= m.groupCount() ? m.group(idx) : null;
            } else if (!name.isEmpty()) {
                g = m.group(name);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            g = null;
        }
        return g == null ? "" : g;
    }
}
