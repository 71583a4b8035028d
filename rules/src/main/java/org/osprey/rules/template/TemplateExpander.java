package org.osprey.rules.template;

import java.net.URI;
import java.util.Map;
import org.osprey.model.template.FunctionMap;
import org.osprey.model.template.Template;
import org.osprey.model.template.TemplateException;

/**
 * Expands an alerting rule's label or annotation text the way Prometheus does: the text is
 * prefixed with the {@code $labels}, {@code $externalLabels}, {@code $externalURL} and
 * {@code $value} definitions (so error columns match upstream), named {@code __alert_NAME},
 * parsed with {@code missingkey=zero}. Thread-safe: stateless.
 */
public final class TemplateExpander {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TemplateExpander.class.getName());
    /** The definitions Prometheus puts before every alert template, joined without separators. */
    public static final String DEFS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private TemplateExpander() {
    }

    /**
     * Parses only, for rule file validation.
     *
     * @return null when the text parses, else Go's error text
     */
    public static String parseError(String alertName, String text) {
        try {
            Template.builder("__alert_" + alertName).functions(PromTemplateFunctions.FOR_PARSING)
                    .missingKey(Template.MissingKey.ZERO).parse(DEFS + text);
            return null;
        } catch (TemplateException e) {
            return e.getMessage();
        }
    }

    /**
     * Expands one text. A failure yields upstream's {@code <error expanding template: ...>} text
     * rather than an exception, so one bad annotation never stops the rule.
     */
    public static String expand(String alertName, String text, Map<String, String> labels,
            Map<String, String> externalLabels, String externalURL, double value, long timeMillis,
            QueryFunction query) {
        return expand(alertName, text, labels, externalLabels, externalURL, value, functions(query, timeMillis, externalURL));
    }

    /** The function map for one evaluation time; build once and pass to every expansion of that evaluation. */
    public static FunctionMap functions(QueryFunction query, long timeMillis, String externalURL) {
        URI url;
        try {
            url = URI.create(externalURL == null ? "" : externalURL);
        } catch (IllegalArgumentException e) {
            url = URI.create("");
        }
        return PromTemplateFunctions.build(query, timeMillis, url);
    }

    /** Expands with a prepared function map (see {@link #functions}). */
    public static String expand(String alertName, String text, Map<String, String> labels,
            Map<String, String> externalLabels, String externalURL, double value, FunctionMap funcs) {
        if (!text.contains("{{")) {
            return text; // nothing to expand: the definitions alone print nothing
        }
        String name = "__alert_" + alertName;
        AlertTemplateData data = new AlertTemplateData(labels, externalLabels, externalURL, value);
        Object parsed = parsed(name, text);
        if (parsed instanceof String parseError) {
            return failed("error parsing template " + name + ": " + parseError, labels);
        }
        try {
            return ((Template) parsed).withFunctions(funcs).execute(data);
        } catch (TemplateException e) {
            return failed("error executing template " + name + ": " + e.getMessage(), labels);
        }
    }

    /** Rule texts are few and repeat every evaluation: parse each once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The parsed template, or the parse error text. */
    private static Object parsed(String name, String text) {
        String key = name + '\u0000' + text;
        Object p = PARSED.get(key);
        if (p != null) {
            return p;
        }
        try {
            p = Template.builder(name).functions(PromTemplateFunctions.FOR_PARSING).missingKey(Template.MissingKey.ZERO)
                    .parse(DEFS + text);
        } catch (TemplateException e) {
            p = e.getMessage();
        }
        if (PARSED.size() > 10_000) {
            PARSED.clear(); // bounded: reloads may leave texts no rule uses any more
        }
        PARSED.put(key, p);
        return p;
    }

    /** Upstream logs the failure and puts it in the expanded text. */
    private static String failed(String err, Map<String, String> labels) {
        LOG.warning("Expanding alert template failed: err=" + err + " labels=" + labels);
        return "<error expanding template: " + err + ">";
    }
}
