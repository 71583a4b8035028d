package org.osprey.probes.metrics;

import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.FloatFormat;
import org.osprey.probes.FailureReason;
import org.osprey.probes.StepResult;

/**
 * Renders the stats of all probes into a {@link ProbeMetricVisitor}, family by family.
 * Thread-safe: stateless; reads each probe's stats once per visit.
 */
public final class ProbeMetrics {
    private ProbeMetrics() {
    }

    /** One probe's identity and stats. */
    public record Entry(String probe, String kind, String severity, ProbeStats stats) {
    }

    public static void visit(List<Entry> entries, ProbeMetricVisitor v) {
        List<ProbeStats.Snapshot> snaps = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            snaps.add(e.stats().snapshot());
        }

        v.family("osprey_probe_success", "gauge", "Whether the probe's last run passed every assertion (1) or not (0).");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (snaps.get(i).lastSuccess() >= 0) {
                v.sample("osprey_probe_success", Labels.of("probe", e.probe(), "kind", e.kind(), "severity", e.severity()),
                        snaps.get(i).lastSuccess());
            }
        }

        v.family("osprey_probe_duration_seconds", "histogram", "Wall time of probe runs, in seconds.");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            DurationHistogram h = snaps.get(i).durations();
            Labels base = Labels.of("probe", e.probe(), "kind", e.kind());
            for (int b = 0; b < DurationHistogram.BOUNDS.length; b++) {
                v.sample("osprey_probe_duration_seconds_bucket",
                        base.toBuilder().set("le", FloatFormat.format(DurationHistogram.BOUNDS[b])).build(), h.bucket(b));
            }
            v.sample("osprey_probe_duration_seconds_bucket", base.toBuilder().set("le", "+Inf").build(), h.count());
            v.sample("osprey_probe_duration_seconds_sum", base, h.sum());
            v.sample("osprey_probe_duration_seconds_count", base, h.count());
        }

        v.family("osprey_probe_runs_total", "counter", "Probe runs finished.");
        for (int i = 0; i < entries.size(); i++) {
            v.sample("osprey_probe_runs_total", Labels.of("probe", entries.get(i).probe()), snaps.get(i).runs());
        }

        v.family("osprey_probe_skipped_runs_total", "counter", "Scheduled runs not started because the previous run of the probe was still busy.");
        for (int i = 0; i < entries.size(); i++) {
            v.sample("osprey_probe_skipped_runs_total", Labels.of("probe", entries.get(i).probe()), snaps.get(i).skipped());
        }

        v.family("osprey_probe_failures_total", "counter", "Failed probe runs by reason.");
        FailureReason[] reasons = FailureReason.values();
        for (int i = 0; i < entries.size(); i++) {
            long[] f = snaps.get(i).failures();
            for (FailureReason r : reasons) {
                // Only reasons seen so far: most never occur for a given kind and would be noise.
                if (f[r.ordinal()] > 0) {
                    v.sample("osprey_probe_failures_total", Labels.of("probe", entries.get(i).probe(), "reason", r.label()), f[r.ordinal()]);
                }
            }
        }

        v.family("osprey_probe_last_run_timestamp_seconds", "gauge", "Unix time the probe's last run finished.");
        for (int i = 0; i < entries.size(); i++) {
            if (!Double.isNaN(snaps.get(i).lastRunSeconds())) {
                v.sample("osprey_probe_last_run_timestamp_seconds", Labels.of("probe", entries.get(i).probe()), snaps.get(i).lastRunSeconds());
            }
        }

        v.family("osprey_probe_step_success", "gauge", "Whether a step of a multi-step probe passed in its last run.");
        for (int i = 0; i < entries.size(); i++) {
            for (StepResult s : snaps.get(i).steps().values()) {
                v.sample("osprey_probe_step_success", Labels.of("probe", entries.get(i).probe(), "step", s.step()), s.success() ? 1 : 0);
            }
        }

        v.family("osprey_probe_step_duration_seconds", "gauge", "Wall time of a step of a multi-step probe in its last run, in seconds.");
        for (int i = 0; i < entries.size(); i++) {
            for (StepResult s : snaps.get(i).steps().values()) {
                v.sample("osprey_probe_step_duration_seconds", Labels.of("probe", entries.get(i).probe(), "step", s.step()), s.durationSeconds());
            }
        }

        v.family("osprey_probe_alert_firing", "gauge", "Whether the probe's ProbeFailed alert is firing.");
        for (int i = 0; i < entries.size(); i++) {
            v.sample("osprey_probe_alert_firing", Labels.of("probe", entries.get(i).probe()), snaps.get(i).alertFiring() ? 1 : 0);
        }
    }
}
