package org.osprey.alertmanager.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.osprey.alertmanager.config.ConfigException;
import org.osprey.alertmanager.notify.NotificationData;
import org.osprey.model.template.FunctionMap;
import org.osprey.model.template.GoFormat;
import org.osprey.model.template.Template;
import org.osprey.model.template.TemplateException;

/**
 * Notification templates on the shared Go text/template engine: Osprey's default templates
 * (resource {@code default.tmpl}: {@code __subject}, {@code email.default.subject},
 * {@code email.default.html}, {@code email.default.text}, ...) overlaid by the user's
 * {@code templates:} files, with upstream's functions ({@code toUpper}, {@code join},
 * {@code match}, {@code reReplaceAll}, {@code safeHtml}, {@code stringSlice}, ...) and
 * {@code missingkey=zero}. Thread-safe: immutable after construction; parsed inline templates are
 * cached in a concurrent map.
 */
public final class MessageTemplates {
    private final Template base;
    private final ConcurrentHashMap<String, Template> inline = new ConcurrentHashMap<>();

    /**
     * Parses the defaults and the user's files.
     *
     * @throws ConfigException naming the file when a template does not parse
     */
    public MessageTemplates(TemplateSet files) throws ConfigException {
        AtomicReference<Template> self = new AtomicReference<>();
        FunctionMap fns = functions(self);
        Template t;
        try {
            t = Template.builder("default.tmpl").functions(fns).missingKey(Template.MissingKey.ZERO).parse(defaults());
        } catch (TemplateException e) {
            throw new IllegalStateException("Osprey's default.tmpl does not parse: " + e.getMessage(), e);
        }
        for (Map.Entry<Path, String> f : files.files().entrySet()) {
            try {
                t = t.parseMore(f.getKey().getFileName().toString(), f.getValue());
            } catch (TemplateException e) {
                throw new ConfigException("failed to parse template " + f.getKey() + ": " + e.getMessage(), e);
            }
        }
        base = t;
        self.set(t);
    }

    private static String defaults() {
        try (InputStream in = MessageTemplates.class.getResourceAsStream("default.tmpl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("default.tmpl missing from the classpath", e);
        }
    }

    private static FunctionMap functions(AtomicReference<Template> self) {
        return FunctionMap.builder()
                .add("toUpper", 1, a -> str(a[0]).toUpperCase(Locale.ROOT))
                .add("toLower", 1, a -> str(a[0]).toLowerCase(Locale.ROOT))
                .add("title", 1, a -> title(str(a[0])))
                .add("trimSpace", 1, a -> str(a[0]).strip())
                .add("join", 2, a -> {
                    List<String> parts = new ArrayList<>();
                    for (Object o : (List<?>) a[1]) {
                        parts.add(str(o));
                    }
                    return String.join(str(a[0]), parts);
                })
                .add("match", 2, a -> Pattern.compile(str(a[0])).matcher(str(a[1])).find())
                .add("reReplaceAll", 3, a -> Pattern.compile(str(a[0])).matcher(str(a[2]))
                        .replaceAll(str(a[1]).replaceAll("\\$\\{?(\\w+)\\}?", "\\${$1}")))
                .add("safeHtml", 1, a -> str(a[0]))
                .addVariadic("stringSlice", 0, a -> {
                    List<Object> l = new ArrayList<>();
                    for (Object o : a) {
                        l.add(str(o));
                    }
                    return l;
                })
                // Renders a named template to a string, so its output can be piped (e.g. into html).
                .add("tmpl", 2, a -> self.get().executeTemplate(str(a[0]), a[1]))
                .build();
    }

    private static String str(Object o) {
        return o instanceof String s ? s : GoFormat.toString(o);
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            sb.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '\'';
        }
        return sb.toString();
    }

    /** Upstream's default e-mail subject ({@code email.default.subject}). */
    public String subject(NotificationData d) throws TemplateException {
        return base.executeTemplate("email.default.subject", TemplateViews.data(d));
    }

    /** Osprey's plain-text body ({@code email.default.text}). */
    public String defaultText(NotificationData d) throws TemplateException {
        return base.executeTemplate("email.default.text", TemplateViews.data(d));
    }

    /** The default HTML body ({@code email.default.html}). */
    public String defaultHtml(NotificationData d) throws TemplateException {
        return base.executeTemplate("email.default.html", TemplateViews.data(d));
    }

    /**
     * Renders a template string from a receiver config (it may call any defined template).
     *
     * @throws TemplateException on a syntax or execution error
     */
    public String render(String template, NotificationData d) throws TemplateException {
        if (!template.contains("{{")) {
            return template;
        }
        Template t = inline.get(template);
        if (t == null) {
            t = base.parseMore("__inline__", template);
            if (inline.size() < 1000) {
                inline.put(template, t);
            }
        }
        return t.executeTemplate("__inline__", TemplateViews.data(d));
    }
}
