package org.osprey.probes.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osprey.probes.FailureReason;
import org.osprey.probes.Probe;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.StepResult;
import org.osprey.probes.config.KubernetesSettings;

/**
 * Creates a ConfigMap with a generated name, reads it back and compares its data, then deletes it
 * and checks it is gone: the write, read and delete paths of the API server and its storage.
 * When a step after create fails the object is deleted anyway, so failing runs leave nothing
 * behind. Thread-safe: yes (Fabric8 clients are), though runs of one probe never overlap.
 */
public final class KubernetesProbe implements Probe {
    /** Label put on every object the probe creates, so leftovers can be found and removed. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "osprey-probe";
    public static final String STEP_CREATE = "create";
    public static final String STEP_READ = "read";
    public static final String STEP_DELETE = "delete";

    private static final char[] NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesSettings settings;
    private final KubernetesClient client;
    private final String probeName;
    private final java.util.function.Supplier<String> names;

    public KubernetesProbe(KubernetesSettings settings, KubernetesClient client, String probeName) {
        this(settings, client, probeName, () -> settings.namePrefix() + randomSuffix(10));
    }

    /** With a chosen name source, so a test can aim API expectations at the object's path. */
    KubernetesProbe(KubernetesSettings settings, KubernetesClient client, String probeName, java.util.function.Supplier<String> names) {
        this.settings = settings;
        this.client = client;
        this.probeName = probeName;
        this.names = names;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        String name = names.get();
        String nonce = randomSuffix(16);
        String ns = settings.namespace();
        ConfigMap wanted = new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata()
                .withData(Map.of("probe", probeName, "nonce", nonce))
                .build();
        List<StepResult> steps = new ArrayList<>(3);
        String where = "ConfigMap " + ns + "/" + name;

        long t0 = System.nanoTime();
        try {
            client.configMaps().inNamespace(ns).resource(wanted).create();
            steps.add(new StepResult(STEP_CREATE, true, secondsSince(t0), ""));
        } catch (KubernetesClientException e) {
            String msg = "create " + where + " failed: " + apiError(e);
            steps.add(new StepResult(STEP_CREATE, false, secondsSince(t0), msg));
            return ProbeResult.failed(FailureReason.CREATE, msg, steps);
        }

        long t1 = System.nanoTime();
        String readFailure;
        try {
            ConfigMap got = client.configMaps().inNamespace(ns).withName(name).get();
            if (got == null) {
                readFailure = "read " + where + " after create: not found";
            } else if (got.getData() == null || !nonce.equals(got.getData().get("nonce"))) {
                readFailure = "read " + where + " after create: data " + got.getData() + " differs from what was written";
            } else {
                readFailure = null;
            }
        } catch (KubernetesClientException e) {
            readFailure = "read " + where + " failed: " + apiError(e);
        }
        steps.add(new StepResult(STEP_READ, readFailure == null, secondsSince(t1), readFailure == null ? "" : readFailure));

        long t2 = System.nanoTime();
        String deleteFailure;
        try {
            List<StatusDetails> deleted = client.configMaps().inNamespace(ns).withName(name).delete();
            if (deleted.isEmpty()) {
                deleteFailure = "delete " + where + ": the API server reported nothing deleted";
            } else {
                ConfigMap after = client.configMaps().inNamespace(ns).withName(name).get();
                // A terminating object (deletionTimestamp set) counts as deleted: finalizers are not ours.
                deleteFailure = after != null && after.getMetadata().getDeletionTimestamp() == null
                        ? "delete " + where + ": still present after delete" : null;
            }
        } catch (KubernetesClientException e) {
            deleteFailure = "delete " + where + " failed: " + apiError(e);
        }
        steps.add(new StepResult(STEP_DELETE, deleteFailure == null, secondsSince(t2), deleteFailure == null ? "" : deleteFailure));

        if (readFailure != null) {
            String cleanup = deleteFailure == null ? " (cleaned up)" : "; " + deleteFailure;
            return ProbeResult.failed(FailureReason.READ, readFailure + cleanup, steps);
        }
        if (deleteFailure != null) {
            return ProbeResult.failed(FailureReason.DELETE, deleteFailure, steps);
        }
        return ProbeResult.ok(steps);
    }

    private static String apiError(KubernetesClientException e) {
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + status : status;
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String randomSuffix(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = NAME_CHARS[RANDOM.nextInt(NAME_CHARS.length)];
        }
        return new String(c);
    }
}
