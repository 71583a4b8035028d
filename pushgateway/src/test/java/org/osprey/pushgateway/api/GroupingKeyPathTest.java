package org.osprey.pushgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.osprey.pushgateway.metrics.LabelPairs;

class GroupingKeyPathTest {
    @Test
    void decodesPlainBase64AndPercentEncodedSegments() throws Exception {
        assertEquals(LabelPairs.of("job", "directory_cleaner", "path", "/var/tmp"),
                GroupingKeyPath.decode("job/directory_cleaner/path@base64/L3Zhci90bXA"));
        assertEquals(LabelPairs.of("job", "example", "first_label", "", "second_label", "foobar"),
                GroupingKeyPath.decode("job/example/first_label@base64/=/second_label/foobar"));
        assertEquals(LabelPairs.of("job", "titan", "name", "Προμηθεύς"),
                GroupingKeyPath.decode("job/titan/name/%CE%A0%CF%81%CE%BF%CE%BC%CE%B7%CE%B8%CE%B5%CF%8D%CF%82"));
        assertEquals(LabelPairs.of("job", "titan", "name", "Προμηθεύς"), GroupingKeyPath.decode("job/titan/name@base64/zqDPgc6_zrzOt864zrXPjc-C"));
        assertEquals(LabelPairs.of("job", "a+b", "x", "/y"), GroupingKeyPath.decode("job/a+b/x/%2Fy"));
        assertEquals(LabelPairs.of("job", "j", "d", ""), GroupingKeyPath.decode("job/j/d/"));
    }

    @Test
    void rejectsWithUpstreamMessages() {
        assertEquals("job name is required", assertThrows(GroupingKeyPath.InvalidGroupingKeyException.class,
                () -> GroupingKeyPath.decode("job@base64/=")).getMessage());
        assertEquals("odd number of components in label string \"/a\"", assertThrows(GroupingKeyPath.InvalidGroupingKeyException.class,
                () -> GroupingKeyPath.decode("job/j/a")).getMessage());
        assertEquals("improper label name \"__x\"", assertThrows(GroupingKeyPath.InvalidGroupingKeyException.class,
                () -> GroupingKeyPath.decode("job/j/__x/1")).getMessage());
        assertThrows(GroupingKeyPath.InvalidGroupingKeyException.class, () -> GroupingKeyPath.decode("job/j/a@base64/!!"));
        assertThrows(GroupingKeyPath.InvalidGroupingKeyException.class, () -> GroupingKeyPath.decode("job/j/a/%zz"));
    }

    @Test
    void encodeRoundTripsRandomKeys() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        String alphabet = "ab/=+%é\n \"Π_";
        for (int i = 0; i < 500; i++) {
            String[] nv = new String[2 + 2 * rnd.nextInt(3)];
            nv[0] = "job";
            nv[1] = randomString(rnd, alphabet, 1);
            for (int j = 2; j < nv.length; j += 2) {
                nv[j] = "l" + j;
                nv[j + 1] = randomString(rnd, alphabet, 0);
            }
            LabelPairs key = LabelPairs.of(nv);
            assertEquals(key, GroupingKeyPath.decode(GroupingKeyPath.encode(key)), "seed " + seed);
        }
    }

    private static String randomString(Random rnd, String alphabet, int min) {
        StringBuilder sb = new StringBuilder();
        int n = min + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
