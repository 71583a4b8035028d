package org.osprey.scrape.config;

import java.util.regex.Pattern;

/**
 * Syntax checks of Kubernetes label and field selectors, so a typo fails at load time as upstream
 * does rather than at the first watch. Thread-safe: stateless.
 */
final class SelectorSyntax {
    private static final Pattern KEY = Pattern.compile("([A-Za-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern SET_TERM = Pattern.compile("\\s*(\\S+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");

    private SelectorSyntax() {
    }

    /** Field selector: comma-separated {@code key=value}, {@code key==value} or {@code key!=value}. */
    static void checkFieldSelector(String sel) {
        if (sel.isBlank()) {
            return;
        }
        for (String term : sel.split(",")) {
            if (!term.contains("=")) {
                throw new IllegalArgumentException("invalid selector: '" + sel + "'; can't understand '" + term + "'");
            }
        }
    }

    /** Label selector: equality, set-based ({@code in}, {@code notin}) and existence terms. */
    static void checkLabelSelector(String sel) {
        if (sel.isBlank()) {
            return;
        }
        for (String term : splitTerms(sel)) {
            String t = term.trim();
            java.util.regex.Matcher m = SET_TERM.matcher(term);
            if (m.matches()) {
                checkKey(m.group(1), sel);
                for (String v : m.group(3).split(",")) {
                    checkValue(v.trim(), sel);
                }
                continue;
            }
            String[] ops = {"!=", "==", "="};
            boolean done = false;
            for (String op : ops) {
                int i = t.indexOf(op);
                if (i > 0) {
                    checkKey(t.substring(0, i).trim(), sel);
                    checkValue(t.substring(i + op.length()).trim(), sel);
                    done = true;
                    break;
                }
            }
            if (!done) {
                checkKey(t.startsWith("!") ? t.substring(1).trim() : t, sel);
            }
        }
    }

    private static java.util.List<String> splitTerms(String sel) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < sel.length(); i++) {
            char c = sel.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(sel.substring(start, i));
                start = i + 1;
            }
        }
        out.add(sel.substring(start));
        return out;
    }

    private static void checkKey(String k, String sel) {
        if (!KEY.matcher(k).matches()) {
            throw new IllegalArgumentException("invalid label selector '" + sel + "': invalid label key \"" + k + "\"");
        }
    }

    private static void checkValue(String v, String sel) {
        if (!VALUE.matcher(v).matches()) {
            throw new IllegalArgumentException("invalid label selector '" + sel + "': invalid label value \"" + v + "\"");
        }
    }
}
