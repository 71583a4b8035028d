package org.osprey.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.model.relabel.RelabelAction;
import org.osprey.model.relabel.RelabelConfig;
import org.osprey.rules.notifier.AlertmanagerConfig;
import org.osprey.scrape.config.AlertingConfig;
import org.osprey.scrape.config.FileSdConfig;
import org.osprey.scrape.config.HttpClientConfig;
import org.osprey.scrape.config.RelabelRule;
import org.osprey.scrape.discovery.TargetGroup;

/**
 * Maps the parsed {@code alerting} section (scrape's config types) onto the notifier's
 * {@link AlertmanagerConfig}s: addressing, auth and both relabel lists. The global
 * {@code alert_relabel_configs} are put in front of each Alertmanager's own list because the
 * notifier's global list is fixed when it is built, while these change on reload; the order
 * (global, then per Alertmanager) is upstream's. Secret files are read here, once per (re)load.
 * Thread-safe: stateless.
 */
final class AlertmanagerSettings {
    private AlertmanagerSettings() {
    }

    /**
     * @throws IOException when a password or credentials file cannot be read
     */
    static List<AlertmanagerConfig> from(AlertingConfig alerting) throws IOException {
        List<RelabelConfig> global = compile(alerting.alertRelabelConfigs());
        List<AlertmanagerConfig> out = new ArrayList<>();
        for (AlertingConfig.Alertmanager am : alerting.alertmanagers()) {
            List<String> targets = new ArrayList<>();
            for (TargetGroup tg : am.staticConfigs()) {
                for (Labels t : tg.targets()) {
                    targets.add(t.get("__address__"));
                }
            }
            List<Path> sdFiles = new ArrayList<>();
            for (FileSdConfig f : am.fileSdConfigs()) {
                for (String file : f.files()) {
                    sdFiles.add(Path.of(file));
                }
            }
            String user = null;
            String pass = null;
            String bearer = null;
            HttpClientConfig http = am.http();
            if (http != null && http.basicAuth() != null) {
                HttpClientConfig.BasicAuth ba = http.basicAuth();
                user = ba.usernameFile().isEmpty() ? ba.username() : secret(ba.usernameFile());
                pass = ba.passwordFile().isEmpty() ? ba.password() : secret(ba.passwordFile());
            } else if (http != null && http.authorization() != null) {
                // the notifier sends "Bearer <token>"; bearer_token(_file) arrive here folded into authorization
                HttpClientConfig.Authorization a = http.authorization();
                bearer = a.credentialsFile().isEmpty() ? a.credentials() : secret(a.credentialsFile());
            }
            List<RelabelConfig> alertRelabel = new ArrayList<>(global);
            alertRelabel.addAll(compile(am.alertRelabelConfigs()));
            out.add(new AlertmanagerConfig(am.scheme(), am.pathPrefix(), am.timeoutMillis(), am.apiVersion(), targets, sdFiles,
                    user, pass, bearer, alertRelabel, compile(am.relabelConfigs())));
        }
        return out;
    }

    /** Upstream trims surrounding white space of secrets read from files (a trailing newline is usual). */
    private static String secret(String file) throws IOException {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("unable to read Alertmanager secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Scrape keeps its compiler package-private; this is the same mapping onto model's form. */
    static List<RelabelConfig> compile(List<RelabelRule> rules) {
        List<RelabelConfig> out = new ArrayList<>(rules.size());
        for (RelabelRule r : rules) {
            RelabelConfig.Builder b = RelabelConfig.builder()
                    .separator(r.separator())
                    .modulus(r.modulus())
                    .targetLabel(r.targetLabel())
                    .replacement(r.replacement())
                    .action(RelabelAction.parse(r.action()));
            if (!r.sourceLabels().isEmpty()) {
                b.sourceLabels(r.sourceLabels());
            }
            if (!r.regex().equals(RelabelRule.DEFAULT_REGEX)) {
                b.regex(r.regex());
            }
            out.add(b.build());
        }
        return out;
    }
}
