package org.osprey.server.api;

import java.util.List;
import java.util.Map;
import org.osprey.model.labels.Labels;
import org.osprey.server.api.view.AlertView;
import org.osprey.server.api.view.DroppedTargetView;
import org.osprey.server.api.view.ExemplarView;
import org.osprey.server.api.view.MetadataView;
import org.osprey.server.api.view.RuleGroupView;
import org.osprey.server.api.view.TargetView;
import org.osprey.server.cli.ServerOptions;
import org.osprey.tsdb.Storage;

/**
 * The live server as the HTTP API sees it: storage, the query engine and read models of the
 * other subsystems. Parts not wired yet answer empty. Implementations are thread-safe.
 */
public interface ApiContext {
    ServerOptions options();

    /** The storage, or null while it opens (the API then answers unavailable). */
    Storage storage();

    QueryService queries();

    /** The loaded configuration as YAML text. */
    String configYaml();

    /** External labels of the global config, added by /federate. */
    default Labels externalLabels() {
        return Labels.EMPTY;
    }

    default List<TargetView> activeTargets() {
        return List.of();
    }

    default List<DroppedTargetView> droppedTargets() {
        return List.of();
    }

    /** Metadata as scraped, per target. */
    default List<MetadataView> metadata() {
        return List.of();
    }

    default List<RuleGroupView> ruleGroups() {
        return List.of();
    }

    default List<AlertView> activeAlerts() {
        List<AlertView> out = new java.util.ArrayList<>();
        for (RuleGroupView g : ruleGroups()) {
            for (var r : g.rules()) {
                out.addAll(r.alerts());
            }
        }
        return out;
    }

    /** Alertmanager URLs the notifier sends to. */
    default List<String> alertmanagers() {
        return List.of();
    }

    default List<ExemplarView> exemplars(String query, long startMs, long endMs) {
        return List.of();
    }

    /** Runtime facts for /api/v1/status/runtimeinfo beyond what the JVM knows. */
    RuntimeFacts runtime();

    /** Head figures for /api/v1/status/tsdb, computed from the storage. */
    default Map<String, Long> headStats() {
        return Map.of();
    }

    /** Head cardinality figures kept by the storage's index, or null to compute them by walking the series. */
    default org.osprey.tsdb.TsdbStatus tsdbStatus(int limit) {
        return null;
    }

    /** Deletes series matching any of the selectors in [start, end] (admin API). */
    default void deleteSeries(List<List<org.osprey.model.labels.LabelMatcher>> selectors, long startMs, long endMs) {
        throw new ApiException(ErrorType.INTERNAL, "delete_series is not supported by this storage");
    }

    default void cleanTombstones() {
        throw new ApiException(ErrorType.INTERNAL, "clean_tombstones is not supported by this storage");
    }

    /** Takes a snapshot; returns its directory name under {@code <data>/snapshots}. */
    default String snapshot(boolean skipHead) {
        throw new ApiException(ErrorType.INTERNAL, "snapshot is not supported by this storage");
    }

    /**
     * @param startMs             when the server started
     * @param reloadSuccess       whether the last config load worked
     * @param lastConfigMs        when config was last loaded successfully
     */
    record RuntimeFacts(long startMs, boolean reloadSuccess, long lastConfigMs) {
    }
}
