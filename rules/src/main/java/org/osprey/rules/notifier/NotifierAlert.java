package org.osprey.rules.notifier;

import org.osprey.model.labels.Labels;

/**
 * One alert as sent to Alertmanager's v2 API ({@code startsAt}, {@code endsAt} in epoch ms, 0 =
 * unset). Immutable.
 */
public record NotifierAlert(Labels labels, Labels annotations, long startsAt, long endsAt, String generatorURL) {
    NotifierAlert withLabels(Labels l) {
        return new NotifierAlert(l, annotations, startsAt, endsAt, generatorURL);
    }
}
