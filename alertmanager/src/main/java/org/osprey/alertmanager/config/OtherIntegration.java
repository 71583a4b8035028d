package org.osprey.alertmanager.config;

/**
 * An integration kind Osprey parses and validates but does not deliver (Slack, PagerDuty, ...).
 * Thread-safe: immutable.
 *
 * @param kind the config key without {@code _configs}, e.g. {@code slack}
 * @param sendResolved the entry's send_resolved
 */
public record OtherIntegration(String kind, boolean sendResolved) {
}
