package org.osprey.scrape.config;

import java.util.Map;

/**
 * Base-2 byte sizes as upstream writes them ({@code 15MB} is 15 MiB, {@code 512KiB}, {@code 0}).
 * Thread-safe: stateless.
 */
public final class ByteSizes {
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("B", 1L),
            Map.entry("KB", 1L << 10), Map.entry("KiB", 1L << 10),
            Map.entry("MB", 1L << 20), Map.entry("MiB", 1L << 20),
            Map.entry("GB", 1L << 30), Map.entry("GiB", 1L << 30),
            Map.entry("TB", 1L << 40), Map.entry("TiB", 1L << 40),
            Map.entry("PB", 1L << 50), Map.entry("PiB", 1L << 50),
            Map.entry("EB", 1L << 60), Map.entry("EiB", 1L << 60));

    private ByteSizes() {
    }

    /**
     * @return the size in bytes (0 for "0" or empty)
     * @throws IllegalArgumentException naming the unit and the input, as upstream's units package
     */
    public static long parse(String s) {
        if (s.isEmpty() || s.equals("0")) {
            return 0;
        }
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("units: negative size not allowed: " + s);
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("units: invalid " + s);
        }
        String unit = s.substring(i);
        Long mult = UNITS.get(unit);
        if (mult == null) {
            throw new IllegalArgumentException("units: unknown unit " + unit + " in " + s);
        }
        double n = Double.parseDouble(s.substring(0, i));
        return (long) (n * mult);
    }
}
