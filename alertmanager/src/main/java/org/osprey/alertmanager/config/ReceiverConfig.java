package org.osprey.alertmanager.config;

import java.util.List;

/** A named receiver and its integrations. Thread-safe: immutable. */
public record ReceiverConfig(String name, List<EmailConfig> emailConfigs, List<WebhookConfig> webhookConfigs,
        List<OtherIntegration> otherIntegrations) {
}
