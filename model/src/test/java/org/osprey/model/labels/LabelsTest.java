package org.osprey.model.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void builderSortsKeepsLastValueAndDropsEmpty() {
        Labels l = Labels.builder().set("b", "2").set("a", "1").set("c", "x").set("b", "3").set("c", "").build();
        assertEquals(2, l.size());
        assertEquals("a", l.name(0));
        assertEquals("3", l.get("b"));
        assertEquals("", l.get("c"));
        assertFalse(l.has("c"));
        assertEquals("{a=\"1\", b=\"3\"}", l.toString());
    }

    @Test
    void sortsRandomSetsLikeASortedMap() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int iter = 0; iter < 500; iter++) {
            List<String> names = new ArrayList<>();
            Labels.Builder b = Labels.builder();
            int n = 1 + r.nextInt(30);
            for (int i = 0; i < n; i++) {
                String name = "l" + r.nextInt(50);
                if (!names.contains(name)) {
                    names.add(name);
                }
                b.set(name, "v");
            }
            Collections.sort(names);
            Labels l = b.build();
            for (int i = 0; i < names.size(); i++) {
                assertEquals(names.get(i), l.name(i), "seed " + seed);
                assertEquals(i, l.indexOf(names.get(i)), "seed " + seed);
            }
        }
    }

    @Test
    void ordersByUtf8BytesLikeGo() {
        String supplementary = new String(Character.toChars(0x1F600)); // UTF-8 F0 9F 98 80
        String privateUse = "\uE000"; // UTF-8 EE 80 80, sorts before the emoji in Go
        assertTrue(Labels.compareNames(privateUse, supplementary) < 0);
        assertTrue(Labels.compareNames(supplementary, privateUse) > 0);
        assertTrue(Labels.compareNames("a", "b") < 0);
        Labels l = Labels.of(supplementary, "1", privateUse, "2");
        assertEquals(privateUse, l.name(0));
    }

    @Test
    void equalityHashAndStableHash() {
        Labels a = Labels.of("job", "x", "instance", "y");
        Labels b = Labels.builder().set("instance", "y").set("job", "x").build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.stableHash(), b.stableHash());
        assertNotEquals(Labels.of("a", "bc").stableHash(), Labels.of("ab", "c").stableHash());
        assertTrue(Labels.of("a", "1").compareTo(Labels.of("a", "1", "b", "2")) < 0);
    }

    @Test
    void validationUtf8AndLegacy() {
        assertTrue(Labels.of("__name__", "my.metric", "läbel", "v").isValid());
        assertFalse(Labels.of("__name__", "my.metric").isValidLegacy());
        assertTrue(Labels.of("__name__", "my:metric", "l_1", "v").isValidLegacy());
        assertFalse(Labels.of("bad", "\uD800").isValid());
        assertTrue(LabelNames.isValidName("π"));
        assertFalse(LabelNames.isValidName(""));
        assertFalse(LabelNames.isLegacyName("1a"));
        assertTrue(LabelNames.isLegacyMetricName("a:b_c"));
        assertTrue(LabelNames.isReserved("__meta_x"));
        assertThrows(IllegalArgumentException.class, () -> Labels.of("odd"));
    }
}
