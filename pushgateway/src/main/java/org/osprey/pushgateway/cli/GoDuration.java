package org.osprey.pushgateway.cli;

/**
 * Parses and prints durations as the Pushgateway's flags take them: Go's
 * {@code time.ParseDuration} units ({@code ns us µs ms s m h}, decimals, several terms such as
 * {@code 1h30m}) plus Prometheus's {@code d}, {@code w} and {@code y}; printed as Go's
 * {@code Duration.String()} ({@code 5m0s}). Thread-safe: stateless.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /** Milliseconds for a duration string; throws IllegalArgumentException naming the input when malformed. */
    public static long parseMillis(String s) {
        String in = s.trim();
        if (in.equals("0")) {
            return 0;
        }
        if (in.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\"");
        }
        double totalNanos = 0;
        int i = 0;
        while (i < in.length()) {
            int start = i;
            while (i < in.length() && (Character.isDigit(in.charAt(i)) || in.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\"");
            }
            double n;
            try {
                n = Double.parseDouble(in.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\"");
            }
            int u = i;
            while (i < in.length() && !Character.isDigit(in.charAt(i)) && in.charAt(i) != '.') {
                i++;
            }
            double unitNanos = switch (in.substring(u, i)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                case "d" -> 86400e9;
                case "w" -> 7 * 86400e9;
                case "y" -> 365 * 86400e9;
                default -> throw new IllegalArgumentException("invalid duration \"" + s + "\": unknown or missing unit");
            };
            totalNanos += n * unitNanos;
        }
        return (long) (totalNanos / 1e6);
    }

    /** Go's {@code Duration.String()} for whole milliseconds: {@code 0s}, {@code 300ms}, {@code 5m0s}, {@code 1h0m0s}. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        if (Math.abs(millis) < 1000) {
            return millis + "ms";
        }
        StringBuilder sb = new StringBuilder();
        if (millis < 0) {
            sb.append('-');
            millis = -millis;
        }
        long h = millis / 3_600_000;
        long m = (millis / 60_000) % 60;
        long ms = millis % 60_000;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        sb.append(ms / 1000);
        if (ms % 1000 != 0) {
            String frac = String.format("%03d", ms % 1000).replaceAll("0+$", "");
            sb.append('.').append(frac);
        }
        return sb.append('s').toString();
    }
}
