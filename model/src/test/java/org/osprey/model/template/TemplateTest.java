package org.osprey.model.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected outputs and error texts are Go text/template's for the same template and data. */
class TemplateTest {
    private static final FunctionMap FUNCS = FunctionMap.builder()
            .add("upper", 1, a -> ((String) a[0]).toUpperCase())
            .add("fail", 1, a -> {
                throw new Exception("boom " + a[0]);
            })
            .build();

    private static String run(String text, Object data) throws TemplateException {
        return Template.builder("t").functions(FUNCS).parse(text).execute(data);
    }

    private static String run(String text) throws TemplateException {
        return run(text, data());
    }

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Labels", ZeroValue.stringMap(Map.of("instance", "host:9100", "job", "node")));
        d.put("Value", 1e6);
        d.put("list", List.of("a", "b", "c"));
        d.put("empty", List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 26L);
        m.put("a", 1L);
        d.put("map", m);
        d.put("str", "text");
        d.put("zero", 0L);
        return d;
    }

    private static String error(String text) {
        TemplateException e = assertThrows(TemplateException.class, () -> run(text));
        return e.getMessage();
    }

    @Test
    void fieldsVariablesAndValues() throws Exception {
        assertEquals("host:9100 node 1e+06", run("{{ .Labels.instance }} {{ $.Labels.job }} {{ .Value }}"));
        assertEquals("host:9100", run("{{ $labels := .Labels }}{{ $labels.instance }}"));
        assertEquals("2", run("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}"));
        assertEquals("<no value>", run("{{ .Labels.missing }}"));
        assertEquals("<no value>", run("{{ .nothing }}"));
        assertEquals("1 1.5 -3 255 97 text true", run("{{ 1 }} {{ 1.5 }} {{ -3 }} {{ 0xff }} {{ 'a' }} {{ `text` }} {{ true }}"));
        assertEquals("map[a:1 z:26]", run("{{ .map }}"));
        assertEquals("[a b c]", run("{{ .list }}"));
    }

    @Test
    void missingKeyZeroGivesEmptyStringForStringMaps() throws Exception {
        Template t = Template.builder("t").missingKey(Template.MissingKey.ZERO).parse("[{{ .Labels.missing }}][{{ .other }}]");
        assertEquals("[][<no value>]", t.execute(data()));
        Template e = Template.builder("t").missingKey(Template.MissingKey.ERROR).parse("{{ .other }}");
        assertEquals("template: t:1:3: executing \"t\" at <.other>: map has no entry for key \"other\"",
                assertThrows(TemplateException.class, () -> e.execute(data())).getMessage());
    }

    @Test
    void trimMarkersAndComments() throws Exception {
        assertEquals("a1b", run("a  {{- 1 -}}  b"));
        assertEquals("a -1 b", run("a {{-1}} b"));
        assertEquals("ab", run("a{{/* comment */}}b"));
        assertEquals("ab", run("a \n {{- /* comment */ -}} \n b"));
        assertEquals("x\ny", run("x\n{{- \"\\n\" -}}\ny"));
    }

    @Test
    void conditionals() throws Exception {
        assertEquals("B", run("{{ if .zero }}A{{ else if .str }}B{{ else }}C{{ end }}"));
        assertEquals("C", run("{{ if .zero }}A{{ else if .empty }}B{{ else }}C{{ end }}"));
        assertEquals("text", run("{{ with .str }}{{ . }}{{ else }}none{{ end }}"));
        assertEquals("none", run("{{ with .empty }}{{ . }}{{ else }}none{{ end }}"));
        assertEquals("b", run("{{ with .empty }}a{{ else with .str }}b{{ end }}"));
        assertEquals("yes", run("{{ if and .str (not .zero) (eq .str \"text\") }}yes{{ end }}"));
    }

    @Test
    void rangeOverListsMapsAndInts() throws Exception {
        assertEquals("0=a,1=b,2=c,", run("{{ range $i, $v := .list }}{{ $i }}={{ $v }},{{ end }}"));
        assertEquals("abc", run("{{ range .list }}{{ . }}{{ end }}"));
        assertEquals("a:1 z:26 ", run("{{ range $k, $v := .map }}{{ $k }}:{{ $v }} {{ end }}"));
        assertEquals("empty", run("{{ range .empty }}x{{ else }}empty{{ end }}"));
        assertEquals("012", run("{{ range 3 }}{{ . }}{{ end }}"));
        assertEquals("ab", run("{{ range .list }}{{ if eq . \"c\" }}{{ break }}{{ end }}{{ . }}{{ end }}"));
        assertEquals("ac", run("{{ range .list }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}"));
        assertEquals("c", run("{{ $last := \"\" }}{{ range .list }}{{ $last = . }}{{ end }}{{ $last }}"));
    }

    @Test
    void variableScopeEndsWithTheControlStructure() {
        assertEquals("template: t:1: undefined variable \"$x\"", error("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}"));
    }

    @Test
    void defineTemplateAndBlock() throws Exception {
        assertEquals("[host:9100]", run("{{ define \"inst\" }}[{{ .instance }}]{{ end }}{{ template \"inst\" .Labels }}"));
        assertEquals("default!", run("{{ block \"b\" .str }}default!{{ end }}"));
        Template base = Template.parse("base", "{{ define \"greet\" }}hello {{ . }}{{ end }}");
        Template more = base.parseMore("msg", "{{ template \"greet\" \"world\" }}");
        assertEquals("hello world", more.execute(null));
        assertEquals("hello x", more.executeTemplate("greet", "x"));
        assertTrue(more.hasTemplate("greet"));
        // a later, non-empty definition replaces the earlier one
        Template redefined = more.parseMore("msg2", "{{ define \"greet\" }}hi {{ . }}{{ end }}{{ template \"greet\" 1 }}");
        assertEquals("hi 1", redefined.execute(null));
        // templates do not see the caller's variables
        assertEquals("template: t:1: undefined variable \"$x\"",
                error("{{ $x := 1 }}{{ define \"d\" }}{{ $x }}{{ end }}"));
    }

    @Test
    void pipelinesPassTheValueAsLastArgument() throws Exception {
        assertEquals("x-abc", run("{{ \"abc\" | printf \"%s-%s\" \"x\" }}"));
        assertEquals("HOST:9100", run("{{ .Labels.instance | upper }}"));
        assertEquals("1.00", run("{{ printf \"%.2f\" 1.005 }}"));
        assertEquals("1e+06 1000000.00", run("{{ .Value }} {{ .Value | printf \"%.2f\" }}"));
        assertEquals("TEXT", run("{{ (upper .str) }}"));
    }

    @Test
    void builtinFunctions() throws Exception {
        assertEquals("6 3 2", run("{{ len \"héllo\" }} {{ len .list }} {{ len .map }}"));
        assertEquals("b 26 node", run("{{ index .list 1 }} {{ index .map \"z\" }} {{ index .Labels \"job\" }}"));
        assertEquals("true true false true", run("{{ eq 1 2 1 }} {{ eq \"a\" \"b\" \"a\" }} {{ ne 1 1 }} {{ lt 1.5 2.5 }}"));
        assertEquals("true false true true", run("{{ le 2 2 }} {{ gt \"a\" \"b\" }} {{ ge 3 2 }} {{ lt \"a\" \"b\" }}"));
        assertEquals("0 x 2 <no value>", run("{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ and 1 2 }} {{ or 0 .nope }}"));
        assertEquals("1", run("{{ or 1 (index .list 10) }}"));
        assertEquals("&lt;a href=&#39;x&#39;&gt;&amp;&#34;", run("{{ html \"<a href='x'>&\\\"\" }}"));
        assertEquals("a\\'b\\u003C\\u003E", run("{{ js \"a'b<>\" }}"));
        assertEquals("a+b%26c%2F%C3%A9", run("{{ urlquery \"a b&c/é\" }}"));
        assertEquals("1 2a3|1 a\n", run("{{ print 1 2 \"a\" 3 }}|{{ println 1 \"a\" }}"));
        assertEquals("[b c] ex", run("{{ slice .list 1 }} {{ slice .str 1 3 }}"));
        assertEquals("false", run("{{ not .str }}"));
    }

    @Test
    void parseErrorsUseGoWording() {
        assertEquals("template: t:1: function \"foo\" not defined", error("{{ foo }}"));
        assertEquals("template: t:1: undefined variable \"$label\"", error("{{ $label.foo }}"));
        assertEquals("template: t:1: unexpected EOF", error("{{ if 1 }}"));
        assertEquals("template: t:1: unclosed action", error("{{ 1 "));
        assertEquals("template: t:1: unexpected {{end}}", error("{{ end }}"));
        assertEquals("template: t:1: unterminated quoted string", error("{{ \"abc }}"));
        assertEquals("template: t:2: missing value for if", error("x\n{{ if }}{{ end }}"));
        assertEquals("template: t:1: unexpected right paren", error("{{ .a ) }}"));
        assertEquals("template: t:1: bad character U+007D '}'", error("{{ .a} }}"));
        assertEquals("template: t:1: non executable command in pipeline stage 2", error("{{ 1 | 2 }}"));
        assertEquals("template: t:1: {{break}} outside {{range}}", error("{{ break }}"));
        assertEquals("template: t:1: unclosed comment", error("{{/* x }}"));
        assertEquals("template: t:1: unexpected <define> in command", error("{{ if 1 }}{{ define \"x\" }}{{ end }}{{ end }}"));
    }

    @Test
    void executionErrorsNameTemplateLineColumnAndNode() {
        assertEquals("template: t:1:3: executing \"t\" at <index .list 5>: error calling index: index out of range: 5",
                error("{{ index .list 5 }}"));
        assertEquals("template: t:1:3: executing \"t\" at <.str.bar>: can't evaluate field bar in type string",
                error("{{ .str.bar }}"));
        assertEquals("template: t:1:12: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined",
                error("{{ template \"nope\" }}"));
        assertEquals("template: t:2:14: executing \"t\" at <fail>: error calling fail: boom text",
                error("line one\nabc {{ .str | fail }}"));
        assertEquals("template: t:1:3: executing \"t\" at <eq 1 1.5>: error calling eq: incompatible types for comparison",
                error("{{ eq 1 1.5 }}"));
        assertEquals("template: t:1:3: executing \"t\" at <upper>: wrong number of args for upper: want 1 got 2",
                error("{{ upper \"a\" \"b\" }}"));
        assertEquals("template: t:1:3: executing \"t\" at <printf 1>: wrong type for value; expected string; got int",
                error("{{ printf 1 }}"));
        assertEquals("template: t:1:9: executing \"t\" at <.str>: range can't iterate over text",
                error("{{ range .str }}{{ end }}"));
        assertEquals("template: t:1:19: executing \"d\" at <.z.y>: can't evaluate field y in type int",
                error("{{ define \"d\" }}{{ .z.y }}{{ end }}{{ template \"d\" .map }}"));
    }

    @Test
    void parsedTemplateRunsWithAnotherFunctionMap() throws Exception {
        Template t = Template.builder("t").functions(FUNCS).parse("{{ upper . }}");
        FunctionMap other = FunctionMap.builder().add("upper", 1, a -> "<" + a[0] + ">").build();
        assertEquals("X", t.execute("x"));
        assertEquals("<x>", t.withFunctions(other).execute("x"));
        assertEquals("template: t:1:3: executing \"t\" at <upper>: \"upper\" is not a defined function",
                assertThrows(TemplateException.class, () -> t.withFunctions(FunctionMap.EMPTY).execute("x")).getMessage());
    }

    @Test
    void templateObjectsExposeFieldsAndMethods() throws Exception {
        TemplateObject sample = new TemplateObject() {
            @Override
            public Object field(String name) {
                return switch (name) {
                    case "Value" -> 0.25;
                    case "Labels" -> Map.of("a", "b");
                    default -> MISSING;
                };
            }

            @Override
            public Object call(String name, Object[] args) {
                return name.equals("Join") ? String.join((String) args[0], "x", "y") : MISSING;
            }

            @Override
            public String typeName() {
                return "*template.sample";
            }
        };
        assertEquals("0.25 b x-y", run("{{ .s.Value }} {{ .s.Labels.a }} {{ .s.Join \"-\" }}", Map.of("s", sample)));
        assertEquals("x+y", run("{{ \"+\" | .s.Join }}", Map.of("s", sample)));
        TemplateException e = assertThrows(TemplateException.class, () -> run("{{ .s.Nope }}", Map.of("s", sample)));
        assertEquals("template: t:1:3: executing \"t\" at <.s.Nope>: can't evaluate field Nope in type *template.sample", e.getMessage());
    }
}
