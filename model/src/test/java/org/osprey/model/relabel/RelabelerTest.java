package org.osprey.model.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;

/** Table tests: one row per behaviour of each action, input labels → configs → output (null = dropped). */
class RelabelerTest {
    private static final Labels ABC = Labels.of("a", "foo", "b", "bar", "c", "baz");

    private static RelabelConfig.Builder cfg(RelabelAction a) {
        return RelabelConfig.builder().action(a);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("replace with capture group", ABC,
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a").regex("f(.*)").targetLabel("d").replacement("ch${1}-ch${1}").build()),
                        Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "choo-choo")),
                Arguments.of("replace joins sources with the separator", ABC,
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a", "b").regex("f(.*);(.*)r").targetLabel("a").replacement("b${1}${2}m").build()),
                        Labels.of("a", "boobam", "b", "bar", "c", "baz")),
                Arguments.of("replace, regex must match the whole value", ABC,
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a").regex("o").targetLabel("d").replacement("x").build()),
                        ABC),
                Arguments.of("replace with an empty result deletes the target", ABC,
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a").regex("(f).*").targetLabel("b").replacement("$2").build()),
                        Labels.of("a", "foo", "c", "baz")),
                Arguments.of("replace with default regex and missing source sets a constant", ABC,
                        List.of(cfg(RelabelAction.REPLACE).targetLabel("env").replacement("prod").build()),
                        Labels.of("a", "foo", "b", "bar", "c", "baz", "env", "prod")),
                Arguments.of("replace expands the target label name", ABC,
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a").regex("(f)(o)o").targetLabel("${1}_$2").replacement("x").build()),
                        Labels.of("a", "foo", "b", "bar", "c", "baz", "f_o", "x")),
                Arguments.of("replace with named groups and $name1 meaning group 'name1'", ABC,
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a").regex("(?P<first_letter>f)(?P<rest>.*)")
                                .targetLabel("d").replacement("$rest-${first_letter}-$rest1").build()),
                        Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "oo-f-")),
                Arguments.of("replace: '.' matches a newline", Labels.of("a", "foo\nbar"),
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a").regex("foo.bar").targetLabel("d").replacement("nl").build()),
                        Labels.of("a", "foo\nbar", "d", "nl")),
                Arguments.of("replace: $$ is a literal dollar", ABC,
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a").targetLabel("d").replacement("$$1 costs $").build()),
                        Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "$1 costs $")),
                Arguments.of("keep drops when the regex does not match", ABC,
                        List.of(cfg(RelabelAction.KEEP).sourceLabels("a").regex("b.*").build()), null),
                Arguments.of("keep keeps on a full match", ABC,
                        List.of(cfg(RelabelAction.KEEP).sourceLabels("a").regex("f.*").build()), ABC),
                Arguments.of("keep with an absent source matches the empty string", ABC,
                        List.of(cfg(RelabelAction.KEEP).sourceLabels("zzz").regex("").build()), ABC),
                Arguments.of("drop on match", ABC,
                        List.of(cfg(RelabelAction.DROP).sourceLabels("a").regex("f.*").build()), null),
                Arguments.of("drop needs a full match", ABC,
                        List.of(cfg(RelabelAction.DROP).sourceLabels("a").regex("f").build()), ABC),
                Arguments.of("keepequal keeps when target equals source", Labels.of("a", "x", "b", "x"),
                        List.of(cfg(RelabelAction.KEEPEQUAL).sourceLabels("a").targetLabel("b").build()), Labels.of("a", "x", "b", "x")),
                Arguments.of("keepequal drops otherwise", ABC,
                        List.of(cfg(RelabelAction.KEEPEQUAL).sourceLabels("a").targetLabel("b").build()), null),
                Arguments.of("dropequal drops when equal", Labels.of("a", "x", "b", "x"),
                        List.of(cfg(RelabelAction.DROPEQUAL).sourceLabels("a").targetLabel("b").build()), null),
                Arguments.of("dropequal keeps otherwise", ABC,
                        List.of(cfg(RelabelAction.DROPEQUAL).sourceLabels("a").targetLabel("b").build()), ABC),
                Arguments.of("hashmod: last 8 bytes of md5, mod 1000", ABC,
                        List.of(cfg(RelabelAction.HASHMOD).sourceLabels("c").targetLabel("d").modulus(1000).build()),
                        Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "976")),
                Arguments.of("hashmod over a value with a newline", Labels.of("a", "foo\nbar"),
                        List.of(cfg(RelabelAction.HASHMOD).sourceLabels("a").targetLabel("b").modulus(1000).build()),
                        Labels.of("a", "foo\nbar", "b", "734")),
                Arguments.of("labelmap copies matching names", Labels.of("__meta_kubernetes_pod_label_app", "web", "b", "bar"),
                        List.of(cfg(RelabelAction.LABELMAP).regex("__meta_kubernetes_pod_label_(.+)").build()),
                        Labels.of("__meta_kubernetes_pod_label_app", "web", "app", "web", "b", "bar")),
                Arguments.of("labelmap with a fixed-prefix replacement", ABC,
                        List.of(cfg(RelabelAction.LABELMAP).regex("(b)").replacement("${1}_copy").build()),
                        Labels.of("a", "foo", "b", "bar", "b_copy", "bar", "c", "baz")),
                Arguments.of("labeldrop removes matching names", ABC,
                        List.of(cfg(RelabelAction.LABELDROP).regex("[ab]").build()), Labels.of("c", "baz")),
                Arguments.of("labelkeep keeps only matching names", ABC,
                        List.of(cfg(RelabelAction.LABELKEEP).regex("[ab]").build()), Labels.of("a", "foo", "b", "bar")),
                Arguments.of("labeldrop is anchored", ABC,
                        List.of(cfg(RelabelAction.LABELDROP).regex("a.").build()), ABC),
                Arguments.of("lowercase", Labels.of("a", "FoO"),
                        List.of(cfg(RelabelAction.LOWERCASE).sourceLabels("a").targetLabel("b").build()), Labels.of("a", "FoO", "b", "foo")),
                Arguments.of("uppercase joins sources first", Labels.of("a", "foo", "b", "bar"),
                        List.of(cfg(RelabelAction.UPPERCASE).sourceLabels("a", "b").separator("-").targetLabel("c").build()),
                        Labels.of("a", "foo", "b", "bar", "c", "FOO-BAR")),
                Arguments.of("steps apply in order and see earlier results", ABC,
                        List.of(cfg(RelabelAction.REPLACE).sourceLabels("a").targetLabel("x").build(),
                                cfg(RelabelAction.KEEP).sourceLabels("x").regex("foo").build(),
                                cfg(RelabelAction.LABELDROP).regex("x").build()),
                        ABC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void relabels(String name, Labels in, List<RelabelConfig> configs, Labels want) {
        assertEquals(want, Relabeler.process(in, configs));
    }

    @Test
    void emptyConfigListReturnsInput() {
        assertEquals(ABC, Relabeler.process(ABC, List.of()));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("action", "hashmod", "source_labels", List.of("a"), "target_label", "b"),
                        "relabel configuration for hashmod requires non-zero modulus"),
                Arguments.of(Map.of("source_labels", List.of("a")),
                        "relabel configuration for replace action requires 'target_label' value"),
                Arguments.of(Map.of("action", "lowercase", "source_labels", List.of("a")),
                        "relabel configuration for lowercase action requires 'target_label' value"),
                Arguments.of(Map.of("action", "uppercase", "source_labels", List.of("a"), "target_label", "b", "replacement", "x"),
                        "'replacement' can not be set for uppercase action"),
                Arguments.of(Map.of("action", "keepequal", "source_labels", List.of("a"), "target_label", "b", "regex", "(.*)"),
                        "keepequal action requires only 'source_labels' and `target_label`, and no other fields"),
                Arguments.of(Map.of("action", "labeldrop", "regex", "a", "source_labels", List.of()),
                        "labeldrop action requires only 'regex', and no other fields"),
                Arguments.of(Map.of("action", "labelkeep", "regex", "a", "separator", ","),
                        "labelkeep action requires only 'regex', and no other fields"),
                Arguments.of(Map.of("action", "labelmap", "regex", "a", "replacement", ""),
                        "\"\" is invalid 'replacement' for labelmap action"),
                Arguments.of(Map.of("action", "frobnicate"), "unknown relabel action \"frobnicate\""),
                Arguments.of(new java.util.HashMap<>(java.util.Collections.singletonMap("action", null)), "relabel action cannot be empty"),
                Arguments.of(Map.of("action", "labelmap", "replacement", new byte[] {(byte) 0xff, '$', '1'}),
                        "\"\\xff$1\" is invalid 'replacement' for labelmap action"),
                Arguments.of(Map.of("regex", "a(b", "target_label", "x"), "error parsing regexp"),
                Arguments.of(Map.of("target_label", "x", "unknown_key", 1), "field unknown_key not found in type relabel.plain"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsInvalidConfigsWithUpstreamWording(Map<String, Object> yaml, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelabelConfig.fromMap(yaml));
        assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void legacyValidationScheme() {
        Map<String, Object> m = Map.of("source_labels", List.of("a"), "target_label", "my.label");
        assertEquals("my.label", RelabelConfig.fromMap(m).targetLabel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelabelConfig.fromMap(m, true));
        assertEquals("\"my.label\" is invalid 'target_label' for replace action", e.getMessage());
        assertEquals("x_$1", RelabelConfig.fromMap(Map.of("source_labels", List.of("a"), "target_label", "x_$1"), true).targetLabel());
        assertTrue(RelabelConfig.legacyNameWithVars("${1}_b"));
        assertTrue(RelabelConfig.legacyNameWithVars("a$b1"));
        assertFalse(RelabelConfig.legacyNameWithVars("1a"));
        assertFalse(RelabelConfig.legacyNameWithVars("a$"));
        assertFalse(RelabelConfig.legacyNameWithVars("a${}"));
        assertFalse(RelabelConfig.legacyNameWithVars("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"));
        // under legacy names, an expanded target that is not a legacy name is skipped
        RelabelConfig c = RelabelConfig.builder().legacyNames(true).sourceLabels("a").regex("(.*)").targetLabel("t_$1").build();
        assertEquals(Labels.of("a", "x.y"), Relabeler.process(Labels.of("a", "x.y"), List.of(c)));
        assertEquals(Labels.of("a", "xy", "t_xy", "xy"), Relabeler.process(Labels.of("a", "xy"), List.of(c)));
    }

    @Test
    void fromMapAppliesDefaultsAndIgnoresCase() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source_labels", List.of("__address__"));
        m.put("target_label", "instance");
        m.put("action", "Replace");
        RelabelConfig c = RelabelConfig.fromMap(m);
        assertEquals(";", c.separator());
        assertEquals("(.*)", c.regex().source());
        assertEquals("$1", c.replacement());
        assertEquals(RelabelAction.REPLACE, c.action());
        assertEquals(Labels.of("__address__", "h:9", "instance", "h:9"),
                Relabeler.process(Labels.of("__address__", "h:9"), List.of(c)));
    }

    @Test
    void hashmodModulusIsUnsigned() {
        RelabelConfig c = RelabelConfig.fromMap(Map.of("action", "hashmod", "source_labels", List.of("a"), "target_label", "h",
                "modulus", new java.math.BigInteger("18446744073709551615")));
        long tail = Relabeler.md5Tail("foo");
        assertEquals(Long.toUnsignedString(Long.remainderUnsigned(tail, -1L)), Relabeler.process(Labels.of("a", "foo"), List.of(c)).get("h"));
    }
}
