package org.osprey.tsdb.block;

import java.security.SecureRandom;

/**
 * ULIDs name blocks, as upstream: 48-bit millisecond time and 80 random bits in Crockford
 * base32, so names sort by creation time. Thread-safe.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ulid() {
    }

    public static String next() {
        return of(System.currentTimeMillis(), RANDOM);
    }

    static String of(long millis, java.util.Random random) {
        char[] out = new char[26];
        long t = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        byte[] r = new byte[10];
        random.nextBytes(r);
        // 80 bits → 16 chars of 5 bits
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (r[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (r[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }

    public static boolean looksLikeUlid(String s) {
        if (s.length() != 26) {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            if (new String(ALPHABET).indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
