package org.osprey.alertmanager.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field lists and secret rules of the integration kinds Osprey accepts without delivering
 * (upstream's slack, pagerduty, opsgenie, ...). Checked so that a file upstream rejects is also
 * rejected here; a secret may come inline or from a file, never both, and falls back to the
 * global one. Thread-safe: stateless.
 */
final class IntegrationRules {
    private static final Set<String> COMMON = Set.of("send_resolved", "http_config");
    static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("pagerduty", Set.of("routing_key", "routing_key_file", "service_key", "service_key_file", "url",
                    "client", "client_url", "description", "details", "images", "links", "source", "severity", "class",
                    "component", "group", "timeout")),
            Map.entry("slack", Set.of("api_url", "api_url_file", "app_token", "app_token_file", "app_url", "channel",
                    "username", "color", "title", "title_link", "pretext", "text", "fields", "short_fields", "footer",
                    "fallback", "callback_id", "icon_emoji", "icon_url", "image_url", "thumb_url", "link_names",
                    "mrkdwn_in", "actions", "update_message", "timeout", "message_text")),
            Map.entry("opsgenie", Set.of("api_key", "api_key_file", "api_url", "message", "description", "source",
                    "details", "entity", "responders", "actions", "tags", "note", "priority", "update_alerts")),
            Map.entry("victorops", Set.of("api_key", "api_key_file", "api_url", "routing_key", "message_type",
                    "state_message", "entity_display_name", "monitoring_tool", "custom_fields")),
            Map.entry("pushover", Set.of("user_key", "user_key_file", "token", "token_file", "title", "message", "url",
                    "url_title", "device", "sound", "priority", "retry", "expire", "ttl", "html", "monospace")),
            Map.entry("wechat", Set.of("api_secret", "api_secret_file", "corp_id", "message", "api_url", "to_user",
                    "to_party", "to_tag", "agent_id", "message_type")),
            Map.entry("telegram", Set.of("api_url", "bot_token", "bot_token_file", "chat_id", "message_thread_id",
                    "message", "disable_notifications", "parse_mode")),
            Map.entry("sns", Set.of("api_url", "sigv4", "topic_arn", "phone_number", "target_arn", "subject", "message",
                    "attributes")),
            Map.entry("webex", Set.of("api_url", "room_id", "message")),
            Map.entry("discord", Set.of("webhook_url", "webhook_url_file", "title", "message", "content", "username",
                    "avatar_url")),
            Map.entry("msteams", Set.of("webhook_url", "webhook_url_file", "title", "summary", "text")),
            Map.entry("msteamsv2", Set.of("webhook_url", "webhook_url_file", "title", "text")),
            Map.entry("jira", Set.of("api_url", "project", "summary", "description", "labels", "priority", "issue_type",
                    "reopen_transition", "resolve_transition", "wont_fix_resolution", "reopen_duration", "fields")),
            Map.entry("rocketchat", Set.of("api_url", "channel", "token", "token_file", "token_id", "token_id_file",
                    "color", "emoji", "icon_url", "text", "title", "title_link", "fields", "short_fields", "image_url",
                    "thumb_url", "link_names", "actions")),
            Map.entry("mattermost", Set.of("webhook_url", "webhook_url_file", "channel", "username", "text", "icon_url",
                    "icon_emoji", "attachments", "props", "priority")));

    private IntegrationRules() {
    }

    static Set<String> allowed(String kind) {
        Set<String> s = new HashSet<>(FIELDS.get(kind));
        s.addAll(COMMON);
        return s;
    }

    /** Checks global secret pairs; each may be given inline or from a file, not both. */
    static void checkGlobal(YamlMap g) throws ConfigException {
        for (String base : List.of("smtp_auth_password", "smtp_auth_secret", "slack_api_url", "slack_app_token",
                "opsgenie_api_key", "wechat_api_secret", "victorops_api_key", "telegram_bot_token", "rocketchat_token",
                "rocketchat_token_id", "mattermost_webhook_url")) {
            if (!g.str(base).isEmpty() && !g.str(base + "_file").isEmpty()) {
                throw new ConfigException("at most one of " + base + " & " + base + "_file must be configured");
            }
        }
    }

    /** Validates one entry of kind {@code kind} against the global block. */
    static void check(String kind, YamlMap c, YamlMap g) throws ConfigException {
        switch (kind) {
            case "pagerduty" -> {
                both(c, "routing_key");
                both(c, "service_key");
                if (!any(c, "routing_key", "routing_key_file", "service_key", "service_key_file")) {
                    throw new ConfigException("missing service or routing key in PagerDuty config");
                }
            }
            case "slack" -> checkSlack(c, g);
            case "opsgenie" -> secret(c, g, "api_key", "opsgenie_api_key",
                    "no global OpsGenie API Key set either inline or in a file");
            case "victorops" -> {
                secret(c, g, "api_key", "victorops_api_key", "no global VictorOps API Key set");
                if (c.str("routing_key").isEmpty()) {
                    throw new ConfigException("missing Routing key in VictorOps config");
                }
            }
            case "pushover" -> {
                both(c, "user_key");
                both(c, "token");
                if (!any(c, "user_key", "user_key_file")) {
                    throw new ConfigException("one of user_key or user_key_file must be configured");
                }
                if (!any(c, "token", "token_file")) {
                    throw new ConfigException("one of token or token_file must be configured");
                }
            }
            case "wechat" -> secret(c, g, "api_secret", "wechat_api_secret",
                    "no global Wechat Api Secret set either inline or in a file");
            case "telegram" -> {
                both(c, "bot_token");
                if (!any(c, "bot_token", "bot_token_file") && !any(g, "telegram_bot_token", "telegram_bot_token_file")) {
                    throw new ConfigException("missing bot_token or bot_token_file on telegram_config");
                }
                if (c.str("chat_id").isEmpty()) {
                    throw new ConfigException("missing chat_id on telegram_config");
                }
            }
            case "sns" -> {
                if (!any(c, "target_arn", "topic_arn", "phone_number")) {
                    throw new ConfigException("must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
                }
            }
            case "webex" -> {
                if (c.str("room_id").isEmpty()) {
                    throw new ConfigException("missing room_id on webex_config");
                }
            }
            case "discord", "msteams", "msteamsv2" -> {
                both(c, "webhook_url");
                if (!any(c, "webhook_url", "webhook_url_file")) {
                    throw new ConfigException("one of webhook_url or webhook_url_file must be configured");
                }
            }
            case "rocketchat" -> {
                secret(c, g, "token", "rocketchat_token", "no global Rocketchat Token set either inline or in a file");
                secret(c, g, "token_id", "rocketchat_token_id",
                        "no global Rocketchat Token ID set either inline or in a file");
            }
            case "mattermost" -> {
                both(c, "webhook_url");
                if (!any(c, "webhook_url", "webhook_url_file")
                        && !any(g, "mattermost_webhook_url", "mattermost_webhook_url_file")) {
                    throw new ConfigException("missing webhook_url or webhook_url_file on mattermost_config");
                }
            }
            default -> {
                // jira and others: field check only
            }
        }
    }

    private static void checkSlack(YamlMap c, YamlMap g) throws ConfigException {
        both(c, "api_url");
        both(c, "app_token");
        boolean localUrl = any(c, "api_url", "api_url_file");
        boolean localToken = any(c, "app_token", "app_token_file");
        if (localUrl && localToken) {
            throw new ConfigException("at most one of api_url/api_url_file & app_token/app_token_file must be configured");
        }
        boolean globalToken = any(g, "slack_app_token", "slack_app_token_file");
        boolean globalUrl = any(g, "slack_api_url", "slack_api_url_file");
        // Before app tokens existed a bot token was paired with the chat.postMessage URL; that stays legal.
        boolean globalUrlIsApi = g.str("slack_api_url").endsWith("/api/chat.postMessage");
        if (!localUrl && !localToken && globalToken && globalUrl && !globalUrlIsApi) {
            throw new ConfigException("at most one of slack_app_token & slack_api_url must be configured");
        }
        if (!localUrl && !localToken && !globalToken && !globalUrl) {
            throw new ConfigException("no Slack API URL nor App token set either inline or in a file");
        }
        if (c.bool("update_message", false)) {
            Object http = c.raw("http_config");
            boolean token = localToken || (!localUrl && globalToken)
                    || (http != null && http.toString().contains("authorization"));
            String url = localUrl ? c.str("api_url") : g.str("slack_api_url");
            if (!token && !url.endsWith("/api/chat.postMessage")) {
                throw new ConfigException("update_message requires a Slack app token (bot token) with the chat.postMessage API, not a webhook URL");
            }
        }
    }

    private static void secret(YamlMap c, YamlMap g, String local, String global, String missing) throws ConfigException {
        both(c, local);
        if (!any(c, local, local + "_file") && !any(g, global, global + "_file")) {
            throw new ConfigException(missing);
        }
    }

    private static void both(YamlMap c, String key) throws ConfigException {
        if (!c.str(key).isEmpty() && !c.str(key + "_file").isEmpty()) {
            throw new ConfigException("at most one of " + key + " & " + key + "_file must be configured");
        }
    }

    private static boolean any(YamlMap c, String... keys) throws ConfigException {
        for (String k : keys) {
            if (!c.str(k).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
