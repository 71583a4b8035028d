package org.osprey.pushgateway.push;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import org.osprey.model.exposition.MetricFamily;
import org.osprey.model.exposition.ProtobufCodec;
import org.osprey.pushgateway.metrics.Family;

/**
 * Decodes a push body of varint-length-delimited {@code io.prometheus.client.MetricFamily}
 * messages with the model module's {@link ProtobufCodec}. As upstream warns, a second family of
 * the same name in one push replaces the first. Thread-safe: stateless.
 */
public final class ProtobufPushParser {
    private ProtobufPushParser() {
    }

    public static List<Family> parse(byte[] body) throws PushParseException {
        List<MetricFamily> decoded;
        try {
            decoded = ProtobufCodec.decodeDelimited(body, 0, body.length);
        } catch (IOException e) {
            throw new PushParseException(e.getMessage() == null ? "invalid protobuf body" : e.getMessage());
        }
        LinkedHashMap<String, MetricFamily> byName = new LinkedHashMap<>();
        for (MetricFamily f : decoded) {
            byName.put(f.name(), f);
        }
        return ModelFamilies.convert(List.copyOf(byName.values()));
    }
}
