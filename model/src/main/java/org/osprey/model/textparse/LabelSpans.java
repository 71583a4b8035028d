package org.osprey.model.textparse;

import java.util.Arrays;

/**
 * Byte offsets of the labels of one sample (or exemplar) inside the input buffer, recorded while
 * lexing so that no String is built until labels are asked for. Reused across lines.
 * Thread-safety: not thread-safe; owned by one parser.
 */
final class LabelSpans {
    int count;
    int[] nameStart = new int[8];
    int[] nameEnd = new int[8];
    int[] valueStart = new int[8];
    int[] valueEnd = new int[8];
    /** Whether the quoted name/value contains a backslash escape to undo when decoding. */
    boolean[] nameEscaped = new boolean[8];
    boolean[] valueEscaped = new boolean[8];

    void clear() {
        count = 0;
    }

    void add(int ns, int ne, boolean nEsc, int vs, int ve, boolean vEsc) {
        if (count == nameStart.length) {
            int n = count * 2;
            nameStart = Arrays.copyOf(nameStart, n);
            nameEnd = Arrays.copyOf(nameEnd, n);
            valueStart = Arrays.copyOf(valueStart, n);
            valueEnd = Arrays.copyOf(valueEnd, n);
            nameEscaped = Arrays.copyOf(nameEscaped, n);
            valueEscaped = Arrays.copyOf(valueEscaped, n);
        }
        nameStart[count] = ns;
        nameEnd[count] = ne;
        nameEscaped[count] = nEsc;
        valueStart[count] = vs;
        valueEnd[count] = ve;
        valueEscaped[count] = vEsc;
        count++;
    }

    /** Index of the label whose raw (unescaped-free) name equals the ASCII name, or -1. */
    int indexOf(byte[] buf, String asciiName) {
        for (int i = 0; i < count; i++) {
            if (!nameEscaped[i] && BytesText.equalsAscii(buf, nameStart[i], nameEnd[i], asciiName)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the label whose raw name bytes equal {@code name}, or -1. */
    int indexOf(byte[] buf, byte[] name) {
        for (int i = 0; i < count; i++) {
            if (!nameEscaped[i] && Arrays.equals(buf, nameStart[i], nameEnd[i], name, 0, name.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of an earlier label with the same raw name as label i, or -1. */
    int duplicateOf(byte[] buf, int i) {
        int len = nameEnd[i] - nameStart[i];
        for (int j = 0; j < i; j++) {
            if (nameEnd[j] - nameStart[j] == len
                    && Arrays.equals(buf, nameStart[j], nameEnd[j], buf, nameStart[i], nameEnd[i])) {
                return j;
            }
        }
        return -1;
    }
}
