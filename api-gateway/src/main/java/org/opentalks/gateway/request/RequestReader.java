package org.opentalks.gateway.request;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.opentalks.gateway.service.DomainException;

/**
 * Reads a JSON request body into its typed request record, as D-ID does: unknown fields are ignored
 * (and returned, so the API can name them to the developer), booleans and numbers may be strings,
 * and everything else that does not fit the type is a ValidationError keyed by the field's request
 * path ({@code body.config.pad_audio}). Thread-safe; one per application.
 */
public final class RequestReader {
    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(LenientScalars.module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // "voice_config": "" as clients send an empty form field: the same as absent.
            .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
    /** Each record type's wire names → its components, for finding the fields a body sent but no type has. */
    private final Map<Class<?>, Map<String, RecordComponent>> known = new ConcurrentHashMap<>();

    /** A typed body and the request paths of the fields it carried that no type knows. */
    public record Read<T>(T value, List<String> ignoredFields) {
    }

    /**
     * @throws DomainException ValidationError when the body is not JSON, not an object, or a value
     *                         does not fit its field's type
     */
    public <T> Read<T> read(byte[] body, Class<T> type) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw DomainException.validation("body", "the request body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw DomainException.validation("body", "the request body must be a JSON object");
        }
        T value;
        try {
            value = mapper.treeToValue(tree, type);
        } catch (InvalidTypeIdException e) {
            String path = path(e);
            JsonNode at = tree.at(pointer(e));
            if (!at.isObject()) {
                throw DomainException.validation(path, "must be an object");
            }
            throw DomainException.validation(path + ".type", e.getTypeId() == null ? "'type' is required"
                    : "must be one of: " + String.join(", ", typeNames(e.getBaseType())));
        } catch (MismatchedInputException e) {
            throw DomainException.validation(path(e), message(e));
        } catch (JsonMappingException e) {
            throw DomainException.validation(path(e), "is not valid");
        } catch (JsonProcessingException e) {
            throw DomainException.validation("body", "is not valid");
        }
        List<String> ignored = new ArrayList<>();
        collectIgnored(tree, value, "body", ignored);
        return new Read<>(value, List.copyOf(ignored));
    }

    /** What a value of the wrong JSON type should have been. */
    private static String message(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target != null && Collection.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        if (target != null && (target.isRecord() || target.isInterface()) && target.getName()
                .startsWith(RequestReader.class.getPackageName())) {
            return "must be an object";
        }
        String original = e.getOriginalMessage();
        return original != null && original.startsWith("must ") ? original : "is not valid";
    }

    /** D-ID's request path of the value Jackson failed on: {@code body.config.logo.position[0]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("body");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                pointer.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                pointer.append('/').append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    private static List<String> typeNames(JavaType base) {
        JsonSubTypes subTypes = base == null ? null : base.getRawClass().getAnnotation(JsonSubTypes.class);
        return subTypes == null ? List.of() : Arrays.stream(subTypes.value())
                .flatMap(t -> t.names().length > 0 ? Arrays.stream(t.names()) : java.util.stream.Stream.of(t.name()))
                .toList();
    }

    /**
     * Walks the body beside its typed value: a field of an object that the value's record type does not
     * have is ignored; known fields are followed into nested records and lists.
     */
    private void collectIgnored(JsonNode node, Object value, String path, List<String> out) {
        if (value == null || node == null) {
            return;
        }
        if (value instanceof List<?> list && node.isArray()) {
            for (int i = 0; i < Math.min(list.size(), node.size()); i++) {
                collectIgnored(node.get(i), list.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!node.isObject() || !value.getClass().isRecord()) {
            return;
        }
        Map<String, RecordComponent> components = known.computeIfAbsent(value.getClass(), this::wireNames);
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            RecordComponent component = components.get(field.getKey());
            if (component == null) {
                out.add(path + "." + field.getKey());
            } else {
                collectIgnored(field.getValue(), read(component, value), path + "." + field.getKey(), out);
            }
        }
    }

    /** The components under the names the mapping reads them by, in declaration order. */
    private Map<String, RecordComponent> wireNames(Class<?> type) {
        Map<String, String> wireByJavaName = mapper.getDeserializationConfig()
                .introspect(mapper.constructType(type)).findProperties().stream()
                .collect(Collectors.toMap(BeanPropertyDefinition::getInternalName, BeanPropertyDefinition::getName));
        Map<String, RecordComponent> byWireName = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String wire = wireByJavaName.get(component.getName());
            if (wire != null) {
                byWireName.put(wire, component);
            }
        }
        return Collections.unmodifiableMap(byWireName);
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** The mapping's wire name of each component of {@code type}, for the schema generator. */
    Map<String, RecordComponent> wireNamesOf(Class<?> type) {
        return known.computeIfAbsent(type, this::wireNames);
    }
}
