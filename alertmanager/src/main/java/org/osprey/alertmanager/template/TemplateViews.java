package org.osprey.alertmanager.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osprey.alertmanager.notify.NotificationData;
import org.osprey.model.template.TemplateObject;
import org.osprey.model.template.ZeroValue;

/**
 * The template view of a notification, shaped like upstream's template.Data so user templates
 * written for Alertmanager work: {@code .Status}, {@code .Alerts.Firing}, {@code .GroupLabels.SortedPairs},
 * {@code .CommonLabels.Remove .GroupLabels.Names}, {@code .ExternalURL}, alert fields and KV methods.
 * Thread-safe: immutable views.
 */
final class TemplateViews {
    private TemplateViews() {
    }

    static Data data(NotificationData d) {
        return new Data(d);
    }

    /** template.Data. */
    static final class Data implements TemplateObject {
        private final NotificationData d;
        private final Alerts alerts;

        Data(NotificationData d) {
            this.d = d;
            List<AlertView> l = new ArrayList<>();
            for (NotificationData.AlertData a : d.alerts()) {
                l.add(new AlertView(a));
            }
            this.alerts = new Alerts(l);
        }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "Receiver" -> d.receiver();
                case "Status" -> d.status();
                case "Alerts" -> alerts;
                case "GroupLabels" -> new KV(d.groupLabels());
                case "CommonLabels" -> new KV(d.commonLabels());
                case "CommonAnnotations" -> new KV(d.commonAnnotations());
                case "ExternalURL" -> d.externalUrl();
                case "GroupKey" -> d.groupKey();
                default -> MISSING;
            };
        }

        @Override
        public String typeName() {
            return "*template.Data";
        }
    }

    /** template.Alerts: a slice with Firing and Resolved methods. */
    static final class Alerts extends AbstractList<AlertView> implements TemplateObject {
        private final List<AlertView> list;

        Alerts(List<AlertView> list) {
            this.list = list;
        }

        @Override
        public AlertView get(int i) {
            return list.get(i);
        }

        @Override
        public int size() {
            return list.size();
        }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "Firing" -> filter("firing");
                case "Resolved" -> filter("resolved");
                default -> MISSING;
            };
        }

        private Alerts filter(String status) {
            List<AlertView> l = new ArrayList<>();
            for (AlertView a : list) {
                if (a.a.status().equals(status)) {
                    l.add(a);
                }
            }
            return new Alerts(l);
        }

        @Override
        public String typeName() {
            return "template.Alerts";
        }
    }

    /** template.Alert. */
    static final class AlertView implements TemplateObject {
        private final NotificationData.AlertData a;

        AlertView(NotificationData.AlertData a) {
            this.a = a;
        }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "Status" -> a.status();
                case "Labels" -> new KV(a.labels());
                case "Annotations" -> new KV(a.annotations());
                case "StartsAt" -> new GoTimeView(a.startsAt());
                case "EndsAt" -> new GoTimeView(a.endsAt());
                case "GeneratorURL" -> a.generatorUrl();
                case "Fingerprint" -> a.fingerprint();
                default -> MISSING;
            };
        }

        @Override
        public String typeName() {
            return "template.Alert";
        }
    }

    /** time.Time: prints as Go does; {@code .Unix} and {@code .IsZero} are available. */
    static final class GoTimeView implements TemplateObject {
        private static final DateTimeFormatter GO = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
        private final long millis;

        GoTimeView(long millis) {
            this.millis = millis;
        }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "Unix" -> millis / 1000;
                case "UnixMilli" -> millis;
                case "IsZero" -> millis == 0;
                default -> MISSING;
            };
        }

        @Override
        public String toString() {
            if (millis == 0) {
                return "0001-01-01 00:00:00 +0000 UTC";
            }
            String s = GO.format(Instant.ofEpochMilli(millis));
            while (s.endsWith("0") && s.contains(".")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
            return s + " +0000 UTC";
        }

        @Override
        public String typeName() {
            return "time.Time";
        }
    }

    /** template.KV: map[string]string with SortedPairs, Names, Values and Remove. */
    static final class KV extends AbstractMap<String, String> implements TemplateObject, ZeroValue {
        private final TreeMap<String, String> m;

        KV(Map<String, String> m) {
            this.m = new TreeMap<>(m);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return Collections.unmodifiableMap(m).entrySet();
        }

        @Override
        public String get(Object key) {
            return m.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return m.containsKey(key);
        }

        @Override
        public Object zeroValue() {
            return "";
        }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "SortedPairs" -> pairs();
                case "Names" -> new ArrayList<Object>(m.keySet());
                case "Values" -> new ArrayList<Object>(m.values());
                default -> MISSING;
            };
        }

        @Override
        public Object call(String name, Object[] args) {
            if (!name.equals("Remove")) {
                return MISSING;
            }
            TreeMap<String, String> copy = new TreeMap<>(m);
            if (args.length == 1 && args[0] instanceof List<?> keys) {
                for (Object k : keys) {
                    copy.remove(String.valueOf(k));
                }
            }
            return new KV(copy);
        }

        private Pairs pairs() {
            List<Pair> l = new ArrayList<>();
            m.forEach((k, v) -> l.add(new Pair(k, v)));
            return new Pairs(l);
        }

        @Override
        public String typeName() {
            return "template.KV";
        }
    }

    /** template.Pairs. */
    static final class Pairs extends AbstractList<Pair> implements TemplateObject {
        private final List<Pair> list;

        Pairs(List<Pair> list) {
            this.list = list;
        }

        @Override
        public Pair get(int i) {
            return list.get(i);
        }

        @Override
        public int size() {
            return list.size();
        }

        @Override
        public Object field(String name) {
            List<Object> out = new ArrayList<>();
            switch (name) {
                case "Names" -> list.forEach(p -> out.add(p.name));
                case "Values" -> list.forEach(p -> out.add(p.value));
                default -> {
                    return MISSING;
                }
            }
            return out;
        }

        @Override
        public String typeName() {
            return "template.Pairs";
        }
    }

    /** template.Pair. */
    static final class Pair implements TemplateObject {
        private final String name;
        private final String value;

        Pair(String name, String value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public Object field(String f) {
            return switch (f) {
                case "Name" -> name;
                case "Value" -> value;
                default -> MISSING;
            };
        }

        @Override
        public String toString() {
            return "{" + name + " " + value + "}";
        }

        @Override
        public String typeName() {
            return "template.Pair";
        }
    }
}
