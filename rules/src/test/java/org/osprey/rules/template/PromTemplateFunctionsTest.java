package org.osprey.rules.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osprey.model.template.Template;
import org.osprey.model.template.TemplateException;

/** Expected strings are what Prometheus's template functions print for the same input. */
class PromTemplateFunctionsTest {
    private static final QueryFunction QUERY = (expr, t) -> switch (expr) {
        case "1.5" -> List.of(new QuerySample(Map.of(), 1.5));
        case "metric" -> List.of(new QuerySample(Map.of("__name__", "metric", "instance", "b"), 21),
                new QuerySample(Map.of("__name__", "metric", "instance", "a"), 11));
        case "missing" -> List.of();
        default -> throw new Exception("unexpected query " + expr);
    };

    private static String run(String text, Object data) throws TemplateException {
        return Template.builder("test")
                .functions(PromTemplateFunctions.build(QUERY, 1_435_065_584_128L, URI.create("http://testhost:9090/path/prefix")))
                .missingKey(Template.MissingKey.ZERO).parse(text).execute(data);
    }

    @Test
    void humanizeFamilies() throws Exception {
        assertEquals("0:1:1.235M:120m:-1.235M:", run("{{ range . }}{{ humanize . }}:{{ end }}", List.of(0.0, 1.0, 1234567.0, .12, -1234567.0)));
        assertEquals("1.235M", run("{{ humanize \"1234567.0\" }}", null));
        assertEquals("1.234k 1.235k", run("{{ humanize 1234 }} {{ humanize 1234.6 }}", null));
        assertEquals("0:1:1Mi:0.12:", run("{{ range . }}{{ humanize1024 . }}:{{ end }}", List.of(0.0, 1.0, 1048576.0, .12)));
        assertEquals("0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:",
                run("{{ range . }}{{ humanizeDuration . }}:{{ end }}",
                        List.of(0.0, 1.0, 60.0, 3600.0, 86400.0, 86400.0 + 3600, -(86400.0 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99)));
        assertEquals("100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:",
                run("{{ range . }}{{ humanizeDuration . }}:{{ end }}", List.of(.1, .0001, .12345, 60.1, 60.5, 1.2345, 12.345)));
        assertEquals("0%:10%:12.35%:100%:110%:",
                run("{{ range . }}{{ humanizePercentage . }}:{{ end }}", List.of(0.0, 0.1, 0.1234567, 1.0, 1.1)));
        assertEquals("2015-06-23 13:19:44.128 +0000 UTC", run("{{ 1435065584.128 | humanizeTimestamp }}", null));
        assertEquals("NaN +Inf", run("{{ humanize . }} {{ humanizeTimestamp \"+Inf\" }}", Double.NaN));
        assertEquals("template: test:1:3: executing \"test\" at <humanize true>: error calling humanize: can't convert bool to float",
                assertThrows(TemplateException.class, () -> run("{{ humanize true }}", null)).getMessage());
    }

    @Test
    void stringAndLinkFunctions() throws Exception {
        assertEquals("Aa Bb CC", run("{{ \"aa bb CC\" | title }}", null));
        assertEquals("ABC def", run("{{ toUpper \"abc\" }} {{ toLower \"DEF\" }}", null));
        assertEquals("true false", run("{{ match \"a+\" \"bab\" }} {{ match \"^a+$\" \"bab\" }}", null));
        assertEquals("xa-xa", run("{{ reReplaceAll \"(a)b\" \"x$1\" \"ab-ab\" }}", null));
        assertEquals("host", run("{{ reReplaceAll \":.*\" \"\" \"host:9100\" }}", null));
        assertEquals("/graph?g0.expr=up+%3D%3D+0&g0.tab=0 /graph?g0.expr=up&g0.tab=1",
                run("{{ graphLink \"up == 0\" }} {{ tableLink \"up\" }}", null));
        assertEquals("db1 [::1]:9100 ::1 db1:9100 db1 10.0.0.1:80 db1 [::1]:80",
                run("{{ stripPort \"db1:9100\" }} {{ stripPort \"[::1]:9100\" | printf \"[%s]:9100\" }} {{ stripPort \"::1\" }} "
                        + "{{ stripDomain \"db1.example.com:9100\" }} {{ stripDomain \"db1.example.com\" }} "
                        + "{{ stripDomain \"10.0.0.1:80\" }} {{ stripPort \"db1\" }} {{ stripDomain \"[::1]:80\" }}", null));
        assertEquals("1 two", run("{{ with args 1 \"two\" }}{{ .arg0 }} {{ .arg1 }}{{ end }}", null));
        assertEquals("<b>", run("{{ \"<b>\" | safeHtml }}", null));
        assertEquals("/path/prefix http://testhost:9090/path/prefix", run("{{ pathPrefix }} {{ externalURL }}", null));
        assertEquals("3720.01", run("{{ \"1h2m10ms\" | parseDuration }}", null));
        assertEquals("2015-06-23 13:19:44.128 +0000 UTC 1m30.5s", run("{{ 1435065584.128 | toTime }} {{ 90.5 | toDuration }}", null));
        assertEquals("1.435065584128e+09", run("{{ now }}", null));
    }

    @Test
    void queryFunctions() throws Exception {
        assertEquals("1.5", run("{{ query \"1.5\" | first | value }}", null));
        assertEquals("b", run("{{ with query \"metric\" }}{{ . | first | label \"instance\" }}{{ end }}", null));
        assertEquals("a:11: b:21: ", run("{{ range query \"metric\" | sortByLabel \"instance\" }}{{ .Labels.instance }}:{{ .Value }}: {{ end }}", null));
        assertEquals("", run("{{ with query \"missing\" }}x{{ end }}", null));
        TemplateException e = assertThrows(TemplateException.class, () -> run("{{ query \"missing\" | first }}", null));
        assertEquals("template: test:1:21: executing \"test\" at <first>: error calling first: first() called on vector with no elements",
                e.getMessage());
    }

    @Test
    void expanderDefinesPrometheusVariables() {
        String out = TemplateExpander.expand("HighLoad",
                "{{ $labels.instance }} {{ $value | printf \"%.2f\" }} {{ $externalLabels.region }} {{ $externalURL }} [{{ $labels.nope }}]",
                Map.of("instance", "h:1"), Map.of("region", "eu"), "http://prom", 0.4567, 0, QUERY);
        assertEquals("h:1 0.46 eu http://prom []", out);
        assertTrue(TemplateExpander.expand("X", "{{ .Nope }}", Map.of(), Map.of(), "", 0, 0, QUERY)
                .startsWith("<error expanding template: error executing template __alert_X: template: __alert_X:1:"));
        assertEquals("template: __alert_InstanceDown:1: undefined variable \"$label\"",
                TemplateExpander.parseError("InstanceDown", "Instance {{ $label.foo }} down"));
        assertEquals(null, TemplateExpander.parseError("Ok", "{{ humanize $value }} {{ $labels.x }}"));
    }
}
