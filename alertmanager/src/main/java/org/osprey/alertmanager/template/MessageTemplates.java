package org.osprey.alertmanager.template;

import org.osprey.alertmanager.notify.NotificationData;

/**
 * Renders notification texts: upstream's default templates (subject, text, HTML) and the
 * template strings users put in receiver configs, with the user's {@code templates:} files.
 * Thread-safe: immutable after construction.
 */
public final class MessageTemplates {
    private final TemplateSet files;

    public MessageTemplates(TemplateSet files) {
        this.files = files;
    }

    public TemplateSet files() {
        return files;
    }

    public String subject(NotificationData d) {
        return DefaultMessages.subject(d);
    }

    public String defaultText(NotificationData d) {
        return DefaultMessages.text(d);
    }

    public String defaultHtml(NotificationData d) {
        return DefaultMessages.html(d);
    }

    /**
     * Renders a config template string; text without actions is returned as is.
     *
     * @throws Exception when the template cannot be rendered
     */
    public String render(String template, NotificationData d) throws Exception {
        if (!template.contains("{{")) {
            return template;
        }
        throw new UnsupportedOperationException("Go templates in receiver configs need the template engine: " + template);
    }
}
