package org.osprey.model.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osprey.model.template.Node.ListNode;

/**
 * A parsed Go text/template: the syntax Prometheus and Alertmanager users write in annotations
 * and notification templates ({@code {{ $labels.instance }}}, {@code {{ range .Alerts }}},
 * {@code {{ define "x" }}}, {@code {{ printf "%.2f" $value }}}), executed with Go's semantics
 * and error messages.
 *
 * <p>Data model (Java stand-ins for Go values): {@code Map} (Go map; string keys), {@code List}
 * (slice), {@code String}, {@code Long}/{@code Integer} (int), {@code Double} (float64),
 * {@code Boolean}, null (nil), and {@link TemplateObject} for structs with fields and methods.
 * Maps implementing {@link ZeroValue} behave as {@code map[string]string} under
 * {@code missingkey=zero}. Functions come from the built-ins plus a {@link FunctionMap}.
 *
 * <p>A template holds its own main text plus every {@code define}d / {@code block} template it
 * can call; {@link #parseMore} adds texts, like Go's repeated {@code Parse} on one template set.
 * Thread-safe: immutable; each {@link #execute} call uses its own executor.
 */
public final class Template {
    /** Go's {@code missingkey} option: what a missing map key yields. */
    public enum MissingKey {
        /** "<no value>" (Go's default, also {@code missingkey=invalid}). */
        DEFAULT,
        /** The map's zero value ({@link ZeroValue}), nil otherwise. */
        ZERO,
        /** An execution error {@code map has no entry for key "x"}. */
        ERROR
    }

    private final String name;
    private final Map<String, ListNode> trees;
    private final FunctionMap functions;
    private final MissingKey missingKey;

    private Template(String name, Map<String, ListNode> trees, FunctionMap functions, MissingKey missingKey) {
        this.name = name;
        this.trees = trees;
        this.functions = functions;
        this.missingKey = missingKey;
    }

    /** Parses {@code text} as template {@code name} with only the built-in functions. */
    public static Template parse(String name, String text) throws TemplateException {
        return builder(name).parse(text);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Options for parsing a new template set. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private FunctionMap functions = FunctionMap.EMPTY;
        private MissingKey missingKey = MissingKey.DEFAULT;

        private Builder(String name) {
            this.name = name;
        }

        public Builder functions(FunctionMap functions) {
            this.functions = functions;
            return this;
        }

        public Builder missingKey(MissingKey missingKey) {
            this.missingKey = missingKey;
            return this;
        }

        /** Parses the text; a syntax error throws with Go's message. */
        public Template parse(String text) throws TemplateException {
            return new Template(name, Map.of(), functions, missingKey).parseMore(name, text);
        }

        /** An empty set to which texts are added with {@link Template#parseMore}. */
        public Template empty() {
            return new Template(name, Map.of(), functions, missingKey);
        }
    }

    /**
     * A new template set holding this set's templates plus those parsed from {@code text}: the
     * text's main body becomes template {@code textName} (unless it is empty and one exists) and
     * its definitions replace same-named ones. The result's own name is {@code textName}.
     */
    public Template parseMore(String textName, String text) throws TemplateException {
        Parser.Parsed parsed = Parser.parse(textName, text, f -> functions.contains(f) || Builtins.FUNCTIONS.contains(f));
        Map<String, ListNode> all = new LinkedHashMap<>(trees);
        for (Map.Entry<String, ListNode> e : parsed.defined().entrySet()) {
            if (!(all.containsKey(e.getKey()) && Parser.isEmptyTree(e.getValue()))) {
                all.put(e.getKey(), e.getValue());
            }
        }
        if (!(all.containsKey(textName) && Parser.isEmptyTree(parsed.root()))) {
            all.put(textName, parsed.root());
        }
        return new Template(textName, Collections.unmodifiableMap(all), functions, missingKey);
    }

    public String name() {
        return name;
    }

    /**
     * The same parsed templates with another function map, so a text parsed once can run with
     * per-execution functions (e.g. a query function bound to the evaluation time). Functions the
     * templates call must exist in the new map, else execution reports them as undefined.
     */
    public Template withFunctions(FunctionMap newFunctions) {
        return new Template(name, trees, newFunctions, missingKey);
    }

    /** Names of every template in the set (main texts and definitions). */
    public Set<String> templateNames() {
        return trees.keySet();
    }

    public boolean hasTemplate(String templateName) {
        return trees.containsKey(templateName);
    }

    ListNode lookup(String templateName) {
        return trees.get(templateName);
    }

    FunctionMap functions() {
        return functions;
    }

    MissingKey missingKey() {
        return missingKey;
    }

    /** Executes this template over {@code data}; an execution error throws with Go's message. */
    public String execute(Object data) throws TemplateException {
        return executeTemplate(name, data);
    }

    /** Executes the named template of the set (Go's {@code ExecuteTemplate}). */
    public String executeTemplate(String templateName, Object data) throws TemplateException {
        StringBuilder out = new StringBuilder();
        executeTemplate(templateName, data, out);
        return out.toString();
    }

    /** Executes into {@code out}; on error the output written so far stays in {@code out}. */
    public void executeTemplate(String templateName, Object data, StringBuilder out) throws TemplateException {
        ListNode root = trees.get(templateName);
        if (root == null) {
            if (templateName.equals(name)) {
                throw new TemplateException("template: " + name + ": " + GoFormat.quote(name)
                        + " is an incomplete or empty template", false, null);
            }
            throw new TemplateException("template: no template " + GoFormat.quote(templateName)
                    + " associated with template " + GoFormat.quote(name), false, null);
        }
        Executor ex = new Executor(this, templateName, out);
        try {
            ex.run(root, data);
        } catch (Executor.ExecError e) {
            throw new TemplateException(e.getMessage(), false, e.getCause());
        } catch (StackOverflowError e) {
            throw new TemplateException("template: " + templateName + ": exceeded maximum template depth", false, null);
        }
    }
}
