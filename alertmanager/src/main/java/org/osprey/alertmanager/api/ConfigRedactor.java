package org.osprey.alertmanager.api;

import java.util.regex.Pattern;

/**
 * Hides secret values in the config text served by {@code /api/v2/status}, as upstream prints
 * secrets as {@code <secret>}. File names of secrets ({@code *_file}) stay visible.
 * Thread-safe: stateless.
 */
final class ConfigRedactor {
    private static final Pattern SECRET_LINE = Pattern.compile(
            "(?m)^(\\s*(?:-\\s+)?(?:[a-z_]*password|[a-z_]*secret|[a-z_]*token|[a-z_]*token_id|[a-z_]*api_key|routing_key|service_key|credentials|user_key|slack_api_url|webhook_url|mattermost_webhook_url|secret_key|access_key)\\s*:\\s*)(?!\\s*$)(?!<secret>).+$");

    private ConfigRedactor() {
    }

    static String redact(String yaml) {
        return SECRET_LINE.matcher(yaml).replaceAll("$1<secret>");
    }
}
