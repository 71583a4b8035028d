package org.osprey.model.relabel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import org.osprey.model.labels.Labels;

/**
 * Applies relabel configurations in order, with Prometheus's semantics for each action.
 *
 * <p>The source value is the source labels' values (absent = "") joined by the separator.
 * {@code replace} writes the expanded replacement to the expanded target label when the regex
 * matches the whole value, deleting the target when the result is empty; {@code hashmod} takes
 * the last 8 bytes of the MD5 of the value as a big-endian unsigned integer modulo the
 * modulus; {@code labelmap}, {@code labeldrop} and {@code labelkeep} test label names against
 * the regex, over the labels as they were before the step. Thread-safe: stateless.
 */
public final class Relabeler {
    private Relabeler() {
    }

    /**
     * Relabels {@code labels}.
     *
     * @return the resulting labels, or null when a keep/drop step dropped the set
     */
    public static Labels process(Labels labels, List<RelabelConfig> configs) {
        if (configs.isEmpty()) {
            return labels;
        }
        Labels.Builder b = labels.toBuilder();
        for (RelabelConfig c : configs) {
            if (!apply(c, b)) {
                return null;
            }
        }
        return b.build();
    }

    /** Applies one step to a builder; false when the label set is to be dropped. */
    public static boolean apply(RelabelConfig c, Labels.Builder b) {
        String val = sourceValue(c, b);
        switch (c.action()) {
            case DROP -> {
                return !c.regex().matches(val);
            }
            case KEEP -> {
                return c.regex().matches(val);
            }
            case DROPEQUAL -> {
                return !b.get(c.targetLabel()).equals(val);
            }
            case KEEPEQUAL -> {
                return b.get(c.targetLabel()).equals(val);
            }
            case REPLACE -> {
                Matcher m = c.regex().matchWhole(val);
                if (m == null) {
                    return true;
                }
                String target = c.regex().expand(c.targetLabel(), m, val);
                if (!c.validName(target)) {
                    return true;
                }
                String res = c.regex().expand(c.replacement(), m, val);
                if (res.isEmpty()) {
                    b.del(target);
                } else {
                    b.set(target, res);
                }
            }
            case LOWERCASE -> b.set(c.targetLabel(), val.toLowerCase(Locale.ROOT));
            case UPPERCASE -> b.set(c.targetLabel(), val.toUpperCase(Locale.ROOT));
            case HASHMOD -> b.set(c.targetLabel(), Long.toUnsignedString(Long.remainderUnsigned(md5Tail(val), c.modulus())));
            case LABELMAP -> {
                Labels snapshot = b.build();
                for (int i = 0; i < snapshot.size(); i++) {
                    String name = snapshot.name(i);
                    Matcher m = c.regex().matchWhole(name);
                    if (m != null) {
                        b.set(c.regex().expand(c.replacement(), m, name), snapshot.value(i));
                    }
                }
            }
            case LABELDROP, LABELKEEP -> {
                Labels snapshot = b.build();
                boolean keepMatching = c.action() == RelabelAction.LABELKEEP;
                for (int i = 0; i < snapshot.size(); i++) {
                    if (c.regex().matches(snapshot.name(i)) != keepMatching) {
                        b.del(snapshot.name(i));
                    }
                }
            }
        }
        return true;
    }

    private static String sourceValue(RelabelConfig c, Labels.Builder b) {
        List<String> src = c.sourceLabels();
        if (src.isEmpty()) {
            return "";
        }
        if (src.size() == 1) {
            return b.get(src.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < src.size(); i++) {
            if (i > 0) {
                sb.append(c.separator());
            }
            sb.append(b.get(src.get(i)));
        }
        return sb.toString();
    }

    /** The last 8 bytes of MD5(value) as a big-endian 64-bit integer (read as unsigned). */
    static long md5Tail(String value) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
        byte[] h = md5.digest(value.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 8; i < 16; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return v;
    }
}
