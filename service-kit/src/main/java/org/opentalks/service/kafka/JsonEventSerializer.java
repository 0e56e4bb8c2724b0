package org.opentalks.service.kafka;

import org.apache.kafka.common.serialization.Serializer;
import org.opentalks.contract.json.Json;

/** Writes any event record as the contract's JSON. */
public class JsonEventSerializer implements Serializer<Object> {
    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : Json.write(data);
    }
}
