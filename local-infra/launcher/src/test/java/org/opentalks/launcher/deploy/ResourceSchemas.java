package org.opentalks.launcher.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.bridge.KafkaBridge;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.mirrormaker2.KafkaMirrorMaker2;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.rebalance.KafkaRebalance;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a Kubernetes resource strictly against the schema that the cluster applies it with, the way
 * {@code kubectl apply --validate=strict} does, but offline: built-in kinds with fabric8's Kubernetes model,
 * Strimzi's kinds with Strimzi's own API model, and KEDA's {@code ScaledObject} against KEDA's CRD schema.
 * Both Java models keep unknown fields in an {@code additionalProperties} map instead of refusing them; here
 * that map is switched off, so that a misspelt or misplaced field is reported with its path, as are a value
 * of the wrong type (a string where a number is due, or the reverse), a kind or apiVersion that the cluster
 * does not serve, and a field the model reads but would drop (the parsed object is written back and must
 * hold everything the manifest says).
 */
final class ResourceSchemas {
    /** Built-in API versions that Kubernetes 1.27+ serves for good; a beta one is removed or on its way. */
    private static final Pattern STABLE = Pattern.compile("([a-z0-9.-]+/)?v[0-9]+");
    private static final String KEDA = "keda.sh/v1alpha1";

    private static final ObjectMapper STRICT = strictMapper();
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final Map<String, Class<? extends KubernetesResource>> STRIMZI = strimziKinds();
    private static final Schema SCALED_OBJECT = scaledObjectSchema();

    private ResourceSchemas() {
    }

    /** Where the resource departs from its schema, each with the field's path; empty when it conforms. */
    static List<String> problems(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        String kind = resource.path("kind").asText();
        if (apiVersion.equals(KEDA) && kind.equals("ScaledObject")) {
            List<String> problems = new ArrayList<>();
            SCALED_OBJECT.validate(resource.toString(), InputFormat.JSON)
                    .forEach(error -> problems.add(path(error.getInstanceLocation()) + ": " + error.getMessage()));
            problems.addAll(parse(resource.path("metadata"), ObjectMeta.class, "metadata"));
            return problems;
        }
        Class<? extends KubernetesResource> model = STRIMZI.get(apiVersion + " " + kind);
        if (model == null && STABLE.matcher(apiVersion).matches()) {
            model = FABRIC8.getRegisteredKubernetesResource(apiVersion, kind);
        }
        if (model == null) {
            return List.of(apiVersion + " " + kind + " has no schema here: not a kind that Kubernetes 1.27+, "
                    + "Strimzi or KEDA serves (a typo, or an API version that was removed)");
        }
        List<String> problems = new ArrayList<>(parse(resource, model, ""));
        if (problems.isEmpty() && kind.equals("Secret")) {
            resource.path("data").properties().forEach(entry -> {
                try {
                    Base64.getDecoder().decode(entry.getValue().asText());
                } catch (IllegalArgumentException e) {
                    problems.add("data." + entry.getKey() + ": not base64 (a Secret's data is; stringData takes text)");
                }
            });
        }
        return problems;
    }

    /** Which schema {@link #problems} checks the resource against: fabric8's, Strimzi's or KEDA's. */
    static String model(JsonNode resource) {
        String key = resource.path("apiVersion").asText() + " " + resource.path("kind").asText();
        return key.startsWith(KEDA + " ") ? "KEDA CRD schema" : STRIMZI.containsKey(key) ? "Strimzi API" : "fabric8";
    }

    /**
     * Unknown fields are collected (all of them, not only the first); a value of the wrong type stops the
     * parse. When both are absent the parsed object, written back, must still say all that the input says.
     */
    private static List<String> parse(JsonNode node, Class<?> model, String at) {
        List<String> unknown = new ArrayList<>();
        Object parsed;
        try {
            parsed = STRICT.readerFor(model).withHandler(new UnknownFields(at, unknown)).readValue(node);
        } catch (JsonMappingException e) {
            // Jackson's hint at its own coercion settings would only mislead here.
            return List.of(join(at, path(e.getPath())) + ": "
                    + e.getOriginalMessage().replaceFirst(" \\(but (could|might) if coercion.*", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!unknown.isEmpty()) {
            return unknown;
        }
        ObjectNode written = STRICT.valueToTree(parsed);
        if (at.isEmpty()) {
            // Checked in choosing the model; a Strimzi resource writes its class's version whichever it was read as.
            written.set("apiVersion", node.get("apiVersion"));
        }
        List<String> dropped = new ArrayList<>();
        compare(node, written, at, dropped);
        return dropped;
    }

    /**
     * Everything in {@code input} must be in {@code written}: a field the model accepts but would not write
     * back is one the operator reading it would not see either. The models write defaults the input leaves
     * out (more in {@code written} is fine) and leave out empty lists and maps and, in Strimzi's, default
     * values; an integer and its string (a quantity written {@code 1} or {@code "1"}) are the same value.
     */
    private static void compare(JsonNode input, JsonNode written, String at, List<String> dropped) {
        if (input.isObject()) {
            for (Map.Entry<String, JsonNode> field : input.properties()) {
                String where = join(at, field.getKey());
                JsonNode value = written.get(field.getKey());
                if (value == null && !isDefault(field.getValue())) {
                    dropped.add(where + ": accepted but not kept by the model (" + field.getValue() + ")");
                } else if (value != null) {
                    compare(field.getValue(), value, where, dropped);
                }
            }
        } else if (input.isArray()) {
            if (!written.isArray() || written.size() != input.size()) {
                dropped.add(at + ": a list of " + input.size() + " became " + written);
                return;
            }
            for (int i = 0; i < input.size(); i++) {
                compare(input.get(i), written.get(i), at + "[" + i + "]", dropped);
            }
        } else if (!input.equals(written) && !(input.isNumber() && input.asText().equals(written.asText()))) {
            dropped.add(at + ": " + input + " became " + written);
        }
    }

    /** What a model may leave out on writing: an empty list or map, or a primitive's default (false, 0). */
    private static boolean isDefault(JsonNode value) {
        return value.isContainerNode() ? value.isEmpty() : value.isBoolean() ? !value.asBoolean()
                : value.isNumber() && value.asDouble() == 0;
    }

    /**
     * A mapper that refuses what fabric8's and Strimzi's lenient one accepts: no {@code @JsonAnySetter} (where
     * both models stash unknown fields), no coercion between strings, numbers and booleans (the API server
     * has none either: {@code replicas: "3"} and an annotation {@code true} are rejected), no null for a
     * primitive, no number for an enum; and a quantity only in the quantity syntax ({@code 500m}, {@code 2Gi}),
     * where fabric8's model takes any text.
     */
    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated annotated) {
                        return Boolean.FALSE;
                    }
                })
                .addMixIn(Quantity.class, StrictQuantityMixIn.class)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .build();
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** Strimzi's resources, under each API version its CRDs serve (e.g. v1beta2 and v1). */
    private static Map<String, Class<? extends KubernetesResource>> strimziKinds() {
        Map<String, Class<? extends KubernetesResource>> kinds = new HashMap<>();
        Map<Class<? extends KubernetesResource>, List<String>> versions = Map.of(
                Kafka.class, Kafka.VERSIONS, KafkaNodePool.class, KafkaNodePool.VERSIONS,
                KafkaTopic.class, KafkaTopic.VERSIONS, KafkaUser.class, KafkaUser.VERSIONS,
                KafkaConnect.class, KafkaConnect.VERSIONS, KafkaConnector.class, KafkaConnector.VERSIONS,
                KafkaMirrorMaker2.class, KafkaMirrorMaker2.VERSIONS, KafkaBridge.class, KafkaBridge.VERSIONS,
                KafkaRebalance.class, KafkaRebalance.VERSIONS);
        versions.forEach((model, served) -> served.forEach(version ->
                kinds.put(HasMetadata.getGroup(model) + "/" + version + " " + HasMetadata.getKind(model), model)));
        return kinds;
    }

    /**
     * KEDA's ScaledObject CRD schema (see {@code schemas/README.md}), closed as the API server's strict field
     * validation closes a structural schema: an object with {@code properties} takes no other field unless
     * it says so ({@code additionalProperties}, {@code x-kubernetes-preserve-unknown-fields}). Its metadata
     * is the Kubernetes ObjectMeta, which fabric8's model checks instead.
     */
    private static Schema scaledObjectSchema() {
        ObjectNode schema;
        try (InputStream in = ResourceSchemas.class.getResourceAsStream("/schemas/keda-scaledobject.json")) {
            schema = (ObjectNode) STRICT.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schemas/keda-scaledobject.json", e);
        }
        ((ObjectNode) schema.get("properties")).set("metadata", JsonNodeFactory.instance.objectNode().put("type", "object"));
        close(schema);
        return SchemaRegistry.withDialect(Dialects.getOpenApi30()).getSchema(schema.toString(), InputFormat.JSON);
    }

    private static void close(JsonNode schema) {
        if (schema instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        schema.forEach(ResourceSchemas::close);
    }

    /** A quantity as the API server reads one: a string or a number in Kubernetes' quantity syntax. */
    private static final class StrictQuantity extends StdDeserializer<Quantity> {
        StrictQuantity() {
            super(Quantity.class);
        }

        @Override
        public Quantity deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING && !token.isNumeric()) {
                return (Quantity) context.handleUnexpectedToken(Quantity.class, parser);
            }
            Quantity quantity = new Quantity(parser.getText());
            try {
                quantity.getNumericalAmount();
            } catch (ArithmeticException | NumberFormatException e) {
                return context.reportInputMismatch(this, "'%s' is not a quantity (such as 500m, 2, 2Gi)", parser.getText());
            }
            return quantity;
        }
    }

    @JsonDeserialize(using = StrictQuantity.class)
    private abstract static class StrictQuantityMixIn {
    }

    /** Records every unknown field with its path and skips its value, so that the parse goes on. */
    private static final class UnknownFields extends DeserializationProblemHandler {
        private final String at;
        private final List<String> found;

        UnknownFields(String at, List<String> found) {
            this.at = at;
            this.found = found;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object bean, String name) throws IOException {
            // On a field whose value is an object or a list, the parser has already stepped into it.
            JsonStreamContext field = parser.currentToken().isStructStart() ? parser.getParsingContext().getParent()
                    : parser.getParsingContext();
            String where = join(at, path(field));
            found.add(where + ": unknown field (" + deserializer.handledType().getSimpleName() + " has no '" + name + "')");
            parser.skipChildren();
            return true;
        }
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            path.append(reference.getFieldName() != null ? (path.isEmpty() ? "" : ".") + reference.getFieldName()
                    : "[" + reference.getIndex() + "]");
        }
        return path.toString();
    }

    private static String path(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path.append(element instanceof Integer index ? "[" + index + "]" : (path.isEmpty() ? "" : ".") + element);
        }
        return path.toString();
    }

    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static String join(String at, String path) {
        return at.isEmpty() ? path : path.isEmpty() ? at : path.startsWith("[") ? at + path : at + "." + path;
    }
}
