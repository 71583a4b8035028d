package org.osprey.server.cli;

import java.util.Locale;

/**
 * Byte sizes with base-2 units as Prometheus's {@code --storage.tsdb.retention.size} takes them:
 * {@code 512MB} and {@code 512MiB} both mean 512·2^20. Thread-safe: stateless.
 */
public final class ByteSizes {
    private ByteSizes() {
    }

    /**
     * @return the size in bytes
     * @throws IllegalArgumentException when the text has no number, an unknown unit or overflows
     */
    public static long parse(String text) {
        String t = text.trim();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("invalid byte size \"" + text + "\"");
        }
        double n;
        try {
            n = Double.parseDouble(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid byte size \"" + text + "\"");
        }
        String unit = t.substring(i).toUpperCase(Locale.ROOT).replace("IB", "B");
        int shift = switch (unit) {
            case "", "B" -> 0;
            case "KB", "K" -> 10;
            case "MB", "M" -> 20;
            case "GB", "G" -> 30;
            case "TB", "T" -> 40;
            case "PB", "P" -> 50;
            case "EB", "E" -> 60;
            default -> throw new IllegalArgumentException("invalid byte size \"" + text + "\": unknown unit \"" + t.substring(i) + "\"");
        };
        double bytes = n * Math.pow(2, shift);
        if (bytes >= 0x1p63) {
            throw new IllegalArgumentException("invalid byte size \"" + text + "\": too large");
        }
        return (long) bytes;
    }
}
