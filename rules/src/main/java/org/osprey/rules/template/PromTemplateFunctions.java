package org.osprey.rules.template;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osprey.model.template.FunctionMap;
import org.osprey.model.template.GoFormat;
import org.osprey.model.template.GoValues;
import org.osprey.model.value.PromDuration;

/**
 * The functions Prometheus adds to alert and console templates ({@code humanize},
 * {@code query}, {@code first}, {@code reReplaceAll}, {@code graphLink}, ...), with the same
 * output formats. Thread-safe: the built map is immutable and its functions are stateless
 * apart from the supplied query function.
 */
public final class PromTemplateFunctions {
    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
    private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private PromTemplateFunctions() {
    }

    /** Function names only, for parse checks (no query, epoch time, no external URL). */
    public static final FunctionMap FOR_PARSING = build(QueryFunction.NONE, 0, URI.create(""));

    /**
     * @param query       backs {@code query}
     * @param timeMillis  the evaluation time ({@code now}, query time)
     * @param externalURL backs {@code externalURL} and {@code pathPrefix}
     */
    public static FunctionMap build(QueryFunction query, long timeMillis, URI externalURL) {
        return FunctionMap.builder()
                .add("query", 1, a -> query.query(str(a[0]), timeMillis))
                .add("first", 1, a -> {
                    List<?> v = list(a[0]);
                    if (v.isEmpty()) {
                        throw new Exception("first() called on vector with no elements");
                    }
                    return v.get(0);
                })
                .add("label", 2, a -> a[1] instanceof QuerySample s ? s.labels().getOrDefault(str(a[0]), "") : "")
                .add("value", 1, a -> a[0] instanceof QuerySample s ? s.value() : 0.0)
                .add("strvalue", 1, a -> a[0] instanceof QuerySample s ? s.labels().getOrDefault("__value__", "") : "")
                .addVariadic("args", 0, a -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < a.length; i++) {
                        m.put("arg" + i, a[i]);
                    }
                    return m;
                })
                .add("reReplaceAll", 3, a -> replaceAll(compile(str(a[0])), str(a[1]), str(a[2])))
                .add("safeHtml", 1, a -> str(a[0]))
                .add("match", 2, a -> compile(str(a[0])).matcher(str(a[1])).find())
                .add("title", 1, a -> title(str(a[0])))
                .add("toUpper", 1, a -> str(a[0]).toUpperCase(java.util.Locale.ROOT))
                .add("toLower", 1, a -> str(a[0]).toLowerCase(java.util.Locale.ROOT))
                .add("graphLink", 1, a -> "/graph?g0.expr=" + queryEscape(str(a[0])) + "&g0.tab=0")
                .add("tableLink", 1, a -> "/graph?g0.expr=" + queryEscape(str(a[0])) + "&g0.tab=1")
                .add("sortByLabel", 2, a -> {
                    String label = str(a[0]);
                    List<QuerySample> out = new ArrayList<>();
                    for (Object o : list(a[1])) {
                        out.add((QuerySample) o);
                    }
                    out.sort(Comparator.comparing(s -> s.labels().getOrDefault(label, "")));
                    return out;
                })
                .add("stripPort", 1, a -> {
                    String[] hp = splitHostPort(str(a[0]));
                    return hp == null ? str(a[0]) : hp[0];
                })
                .add("stripDomain", 1, a -> stripDomain(str(a[0])))
                .add("humanize", 1, a -> humanize(GoValues.toFloat(a[0])))
                .add("humanize1024", 1, a -> humanize1024(GoValues.toFloat(a[0])))
                .add("humanizeDuration", 1, a -> humanizeDuration(GoValues.toFloat(a[0])))
                .add("humanizePercentage", 1, a -> GoFormat.sprintf("%.4g%%", GoValues.toFloat(a[0]) * 100))
                .add("humanizeTimestamp", 1, a -> humanizeTimestamp(GoValues.toFloat(a[0])))
                .add("toTime", 1, a -> {
                    double v = GoValues.toFloat(a[0]);
                    return new GoStringer(GoTime.timeString(toMillis(v)));
                })
                .add("toDuration", 1, a -> new GoStringer(GoTime.durationString((long) (GoValues.toFloat(a[0]) * 1e9))))
                .add("now", 0, a -> timeMillis / 1000.0)
                .add("pathPrefix", 0, a -> externalURL.getRawPath() == null ? "" : externalURL.getRawPath())
                .add("externalURL", 0, a -> externalURL.toString())
                .add("parseDuration", 1, a -> {
                    try {
                        return PromDuration.parseMillis(str(a[0])) / 1000.0;
                    } catch (IllegalArgumentException e) {
                        throw new Exception(e.getMessage());
                    }
                })
                .build();
    }

    /** A Go value printed through its String method (time.Time, time.Duration). */
    record GoStringer(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static String str(Object o) throws Exception {
        if (o instanceof String s) {
            return s;
        }
        throw new Exception("wrong type for value; expected string; got " + GoFormat.typeName(o));
    }

    private static List<?> list(Object o) throws Exception {
        if (o instanceof List<?> l) {
            return l;
        }
        if (o == null) {
            return List.of();
        }
        throw new Exception("wrong type for value; expected template.queryResult; got " + GoFormat.typeName(o));
    }

    private static Pattern compile(String re) throws Exception {
        try {
            return Pattern.compile(re);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new Exception("regexp: Compile(" + GoFormat.quote(re) + "): error parsing regexp: " + e.getDescription());
        }
    }

    /** Go's Regexp.ReplaceAllString: {@code $1}, {@code ${1}}, {@code $name}, {@code $$} in the replacement. */
    static String replaceAll(Pattern p, String repl, String text) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        int prevEnd = -1;
        while (m.find()) {
            // Go ignores an empty match that abuts the preceding match.
            if (m.start() == m.end() && m.start() == prevEnd) {
                continue;
            }
            sb.append(text, last, m.start());
            expand(sb, repl, m);
            last = m.end();
            prevEnd = m.end();
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }

    private static void expand(StringBuilder sb, String repl, Matcher m) {
        for (int i = 0; i < repl.length(); i++) {
            char c = repl.charAt(i);
            if (c != '$' || i + 1 >= repl.length()) {
                sb.append(c);
                continue;
            }
            char n = repl.charAt(i + 1);
            if (n == '$') {
                sb.append('$');
                i++;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = repl.indexOf('}', i + 2);
                if (close < 0) {
                    sb.append(c);
                    continue;
                }
                name = repl.substring(i + 2, close);
                end = close;
            } else {
                int j = i + 1;
                while (j < repl.length() && (Character.isLetterOrDigit(repl.charAt(j)) || repl.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    sb.append(c);
                    continue;
                }
                name = repl.substring(i + 1, j);
                end = j - 1;
            }
            String g = null;
            try {
                if (name.chars().allMatch(Character::isDigit)) {
                    int idx = Integer.parseInt(name);
                    if (idx <= m.groupCount()) {
                        g = m.group(idx);
                    }
                } else {
                    g = m.group(name);
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                g = null;
            }
            if (g != null) {
                sb.append(g);
            }
            i = end;
        }
    }

    /** Go's net.SplitHostPort: {host, port}, or null when the text is not host:port. */
    static String[] splitHostPort(String s) {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                return null;
            }
            return new String[] {s.substring(1, close), s.substring(close + 2)};
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0 || s.indexOf(':') != colon) {
            return null; // missing port, or too many colons
        }
        return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }

    /** Prometheus's stripDomain: the first DNS label, port kept; IP addresses unchanged. */
    static String stripDomain(String hostPort) {
        String[] hp = splitHostPort(hostPort);
        String host = hp == null ? hostPort : hp[0];
        String port = hp == null ? "" : hp[1];
        if (isIp(host)) {
            return hostPort;
        }
        int dot = host.indexOf('.');
        if (dot >= 0) {
            host = host.substring(0, dot);
        }
        if (!port.isEmpty()) {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
        return host;
    }

    private static boolean isIp(String host) {
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return host.contains(":") && host.matches("[0-9a-fA-F:.]+");
    }

    /** Go's strings.Title: upper-cases the first letter of each word. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(c) : c);
            prev = c;
        }
        return sb.toString();
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7F) {
            if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_') {
                return false;
            }
            return true;
        }
        if (Character.isLetterOrDigit(r)) {
            return false;
        }
        return Character.isWhitespace(r);
    }

    private static String queryEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.sprintf("%.4g", v);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return GoFormat.sprintf("%.4g", v) + prefix;
        }
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return GoFormat.sprintf("%.4g", v) + prefix;
    }

    static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.sprintf("%.4g", v);
        }
        String prefix = "";
        for (String p : BINARY) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return GoFormat.sprintf("%.4g", v) + prefix;
    }

    static String humanizeDuration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.sprintf("%.4g", v);
        }
        if (v == 0) {
            return GoFormat.sprintf("%.4gs", v);
        }
        if (Math.abs(v) >= 1) {
            String sign = "";
            if (v < 0) {
                sign = "-";
                v = -v;
            }
            long duration = (long) v;
            long seconds = duration % 60;
            long minutes = (duration / 60) % 60;
            long hours = (duration / 60 / 60) % 24;
            long days = duration / 60 / 60 / 24;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + GoFormat.sprintf("%.4g", v) + "s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return GoFormat.sprintf("%.4g", v) + prefix + "s";
    }

    static String humanizeTimestamp(double v) throws Exception {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.sprintf("%.4g", v);
        }
        return GoTime.timeString(toMillis(v));
    }

    private static long toMillis(double v) throws Exception {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new Exception("NaN or Inf cannot be represented as a timestamp");
        }
        double nanos = v * 1e9;
        if (nanos > Long.MAX_VALUE || nanos < Long.MIN_VALUE) {
            throw new Exception(GoFormat.toString(v) + " cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        // Prometheus goes through model.Time, which keeps milliseconds.
        return Math.floorDiv((long) nanos, 1_000_000L);
    }
}
