package org.opentalks.gateway.request;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Discriminator;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The OpenAPI schemas of a request, generated from its record types, so the request is described
 * once: property names as {@link RequestReader} reads them, {@code required} from {@code @NotNull},
 * {@code @NotBlank} and {@code @NotEmpty}, bounds from {@code @Size}, {@link NumberRange},
 * {@code @Pattern} and {@link OneOf}, variants from {@code @JsonSubTypes} (a {@code oneOf} with a
 * {@code type} discriminator), and prose from MicroProfile's {@code @Schema} annotations. Booleans and
 * numbers also accept their string spellings, as the reader does, through the document's
 * {@code Boolish} and {@code NumberString} schemas.
 */
public final class RequestSchemas {
    static final String BOOLISH = "Boolish";
    static final String NUMBER_STRING = "NumberString";
    private static final String REF = "#/components/schemas/";

    private final RequestReader names = new RequestReader();
    private final Map<String, Schema> schemas = new LinkedHashMap<>();

    /** The named schemas of {@code root} and of every record type it reaches, by component name. */
    public static Map<String, Schema> of(Class<?> root) {
        RequestSchemas generator = new RequestSchemas();
        generator.ref(root);
        return generator.schemas;
    }

    /** A reference to the named schema of a record or a variant interface, generating it on first use. */
    private Schema ref(Class<?> type) {
        String name = name(type);
        if (!schemas.containsKey(name)) {
            schemas.put(name, null); // reserved: a record may refer to itself
            schemas.put(name, type.isInterface() ? variants(type) : record(type));
        }
        return OASFactory.createSchema().ref(REF + name);
    }

    private static String name(Class<?> type) {
        org.eclipse.microprofile.openapi.annotations.media.Schema doc =
                type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        return doc != null && !doc.name().isEmpty() ? doc.name() : type.getSimpleName();
    }

    private Schema record(Class<?> type) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
        describe(schema, type);
        List<String> required = new ArrayList<>();
        for (Map.Entry<String, RecordComponent> entry : names.wireNamesOf(type).entrySet()) {
            RecordComponent component = entry.getValue();
            // Constraints and @Schema do not target record components: Java puts them on the component's field.
            Field field = field(type, component);
            Schema property = component.getName().equals("type") ? typeEnum(type)
                    : value(component.getAnnotatedType(), field);
            schema.addProperty(entry.getKey(), property);
            if (component.getName().equals("type") || field.isAnnotationPresent(NotNull.class)
                    || field.isAnnotationPresent(NotBlank.class) || field.isAnnotationPresent(NotEmpty.class)) {
                required.add(entry.getKey());
            }
        }
        if (!required.isEmpty()) {
            schema.setRequired(required);
        }
        return schema;
    }

    private static Field field(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record has a field per component: " + component, e);
        }
    }

    /** A variant's {@code type}: the names its interface's {@code @JsonSubTypes} give it. */
    private static Schema typeEnum(Class<?> variant) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        for (Class<?> parent : variant.getInterfaces()) {
            JsonSubTypes subTypes = parent.getAnnotation(JsonSubTypes.class);
            if (subTypes != null) {
                Arrays.stream(subTypes.value()).filter(t -> t.value().equals(variant))
                        .flatMap(t -> Arrays.stream(t.names().length > 0 ? t.names() : new String[] {t.name()}))
                        .forEach(schema::addEnumeration);
            }
        }
        return schema;
    }

    /** A sealed interface: one of its variants, told apart by {@code type} where it has {@code @JsonSubTypes}. */
    private Schema variants(Class<?> type) {
        Schema schema = OASFactory.createSchema();
        describe(schema, type);
        JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
        if (subTypes != null) {
            Discriminator discriminator = OASFactory.createDiscriminator().propertyName("type");
            for (JsonSubTypes.Type variant : subTypes.value()) {
                Schema ref = ref(variant.value());
                schema.addOneOf(ref);
                for (String name : variant.names().length > 0 ? variant.names() : new String[]{variant.name()}) {
                    discriminator.addMapping(name, ref.getRef());
                }
            }
            return schema.discriminator(discriminator);
        }
        for (Class<?> variant : type.getPermittedSubclasses()) {
            org.eclipse.microprofile.openapi.annotations.media.Schema doc =
                    variant.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
            schema.addOneOf(doc != null && !doc.ref().isEmpty() ? OASFactory.createSchema().ref(REF + doc.ref())
                    : ref(variant));
        }
        return schema;
    }

    /** The schema of one value of {@code type}, with the constraints found on {@code annotations}. */
    private Schema value(AnnotatedType type, AnnotatedElement annotations) {
        Class<?> raw = raw(type.getType());
        Schema schema;
        if (raw == String.class) {
            schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
            constrainText(schema, annotations);
        } else if (raw == Boolean.class || raw == boolean.class) {
            schema = OASFactory.createSchema().ref(REF + BOOLISH);
        } else if (raw == Double.class || raw == Integer.class) {
            Schema number = OASFactory.createSchema()
                    .addType(raw == Integer.class ? Schema.SchemaType.INTEGER : Schema.SchemaType.NUMBER);
            NumberRange range = find(annotations, type, NumberRange.class);
            if (range != null) {
                number.minimum(decimal(range.min())).maximum(decimal(range.max()));
            }
            schema = OASFactory.createSchema().addOneOf(number)
                    .addOneOf(OASFactory.createSchema().ref(REF + NUMBER_STRING));
        } else if (List.class.isAssignableFrom(raw) && type instanceof AnnotatedParameterizedType list) {
            AnnotatedType element = list.getAnnotatedActualTypeArguments()[0];
            schema = OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(value(element, element));
            Size size = find(annotations, type, Size.class);
            if (size != null) {
                schema.minItems(size.min()).maxItems(size.max() == Integer.MAX_VALUE ? null : size.max());
            }
            if (find(annotations, type, NotEmpty.class) != null) {
                schema.minItems(1);
            }
        } else if (raw.isRecord()
                || raw.isInterface() && raw.getName().startsWith(RequestSchemas.class.getPackageName())) {
            schema = ref(raw);
        } else {
            schema = OASFactory.createSchema(); // any JSON value, passed on as sent
        }
        return documented(schema, annotations);
    }

    private static void constrainText(Schema schema, AnnotatedElement annotations) {
        Size size = annotations.getAnnotation(Size.class);
        if (size != null) {
            schema.minLength(size.min()).maxLength(size.max() == Integer.MAX_VALUE ? null : size.max());
        }
        if (annotations.getAnnotation(NotBlank.class) != null) {
            schema.minLength(1).pattern("\\S");
        }
        jakarta.validation.constraints.Pattern pattern =
                annotations.getAnnotation(jakarta.validation.constraints.Pattern.class);
        if (pattern != null) {
            schema.pattern(pattern.regexp());
        }
        OneOf oneOf = annotations.getAnnotation(OneOf.class);
        if (oneOf != null) {
            Arrays.stream(oneOf.value()).forEach(schema::addEnumeration);
        }
    }

    /** A component's description, example, default and deprecation; a reference gets them beside it in allOf. */
    private static Schema documented(Schema schema, AnnotatedElement annotations) {
        org.eclipse.microprofile.openapi.annotations.media.Schema doc =
                annotations.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        if (doc == null) {
            return schema;
        }
        Schema target = schema;
        if (schema.getRef() != null || schema.getOneOf() != null) {
            target = OASFactory.createSchema();
            if (schema.getRef() != null) {
                target.addAllOf(schema);
            } else {
                target.oneOf(schema.getOneOf());
            }
        }
        if (!doc.description().isEmpty()) {
            target.description(doc.description());
        }
        if (!doc.example().isEmpty()) {
            target.example(doc.example());
        }
        if (!doc.defaultValue().isEmpty()) {
            target.defaultValue(literal(doc.defaultValue()));
        }
        if (doc.deprecated()) {
            target.deprecated(true);
        }
        return target;
    }

    private static void describe(Schema schema, Class<?> type) {
        org.eclipse.microprofile.openapi.annotations.media.Schema doc =
                type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        if (doc != null && !doc.description().isEmpty()) {
            schema.description(doc.description());
        }
        if (doc != null && doc.deprecated()) {
            schema.deprecated(true);
        }
    }

    /** A constraint on the element itself, or on its type (where type-use annotations land). */
    private static <A extends java.lang.annotation.Annotation> A find(AnnotatedElement element, AnnotatedType type,
                                                                      Class<A> annotation) {
        A found = element.getAnnotation(annotation);
        return found != null ? found : type.getAnnotation(annotation);
    }

    /** {@code false}, {@code 0.3} and {@code 1} as JSON values; anything else as a string. */
    private static Object literal(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        try {
            BigDecimal number = new BigDecimal(text);
            return number.scale() <= 0 ? (Object) number.intValueExact() : number;
        } catch (NumberFormatException | ArithmeticException e) {
            return text;
        }
    }

    private static BigDecimal decimal(double value) {
        return value == Math.rint(value) ? BigDecimal.valueOf((long) value) : BigDecimal.valueOf(value);
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private RequestSchemas() {
    }
}
