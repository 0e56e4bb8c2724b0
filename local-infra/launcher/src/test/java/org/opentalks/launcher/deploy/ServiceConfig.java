package org.opentalks.launcher.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * The configuration a packaged service really reads, taken from what runs: the classes and config
 * files of {@code <module>/target/quarkus-app} (its own jar and the OpenTalks jars among its
 * dependencies, read with Jandex, nothing loaded), and its image's Dockerfile.
 * <ul>
 * <li>every {@code @ConfigMapping}: prefix plus the kebab-case (or declared) name of each method,
 *     nested groups followed, a {@code Map} key or a list index as {@code *}; with whether it has a
 *     default or is optional;</li>
 * <li>every {@code @ConfigProperty(name = …)};</li>
 * <li>the keys of {@code application.properties} and {@code META-INF/microprofile-config.properties}
 *     in those jars (a profile prefix stripped), and the values they give in the prod profile;</li>
 * <li>the framework's own namespaces ({@code quarkus.}, {@code kafka.}, {@code mp.messaging.}), accepted
 *     as a whole: Quarkus and SmallRye Reactive Messaging own what is under them;</li>
 * <li>the variables the image's Dockerfile sets with {@code ENV} or expands (its entrypoint reads
 *     {@code JAVA_OPTS}).</li>
 * </ul>
 * An environment variable maps to a property by SmallRye Config's rule (upper case, every other
 * character {@code _}); a map key in a variable is one run of letters and digits, or a quoted key
 * ({@code __MY_CO__}): SmallRye ignores {@code OPENTALKS_API_OWNERS_MY_CO_KEYS}, since its {@code _}s are
 * ambiguous.
 */
final class ServiceConfig {
    static final List<String> FRAMEWORK_NAMESPACES = List.of("quarkus.", "kafka.", "mp.messaging.");

    private static final DotName CONFIG_MAPPING = DotName.createSimple("io.smallrye.config.ConfigMapping");
    private static final DotName WITH_NAME = DotName.createSimple("io.smallrye.config.WithName");
    private static final DotName WITH_PARENT_NAME = DotName.createSimple("io.smallrye.config.WithParentName");
    private static final DotName WITH_DEFAULT = DotName.createSimple("io.smallrye.config.WithDefault");
    private static final DotName CONFIG_PROPERTY =
            DotName.createSimple("org.eclipse.microprofile.config.inject.ConfigProperty");
    private static final DotName INJECT = DotName.createSimple("jakarta.inject.Inject");
    private static final DotName JAX_RS_PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName MEDIA_URLS = DotName.createSimple("org.opentalks.contract.api.MediaUrls");
    private static final Set<String> OPTIONALS = Set.of("java.util.Optional", "java.util.OptionalInt",
            "java.util.OptionalLong", "java.util.OptionalDouble");
    private static final Set<String> COLLECTIONS = Set.of("java.util.List", "java.util.Set", "java.util.Collection");
    private static final List<String> CONFIG_FILES = List.of("application.properties",
            "META-INF/microprofile-config.properties");
    private static final String NO_DEFAULT = "org.eclipse.microprofile.config.configproperty.unconfigureddvalue";
    private static final Pattern DOCKER_ENV = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
    private static final Pattern DOCKER_REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * A property the service reads.
     *
     * @param name       e.g. {@code opentalks.api.owners.*.keys}
     * @param hasDefault a default in the code ({@code @WithDefault}, {@code defaultValue})
     * @param optional   an {@code Optional} or inside a map (absent is fine)
     * @param declaredBy the class and method, or the file, that declares it
     */
    record Property(String name, boolean hasDefault, boolean optional, String declaredBy) {
        Pattern envPattern() {
            StringBuilder regex = new StringBuilder();
            for (char c : name.toCharArray()) {
                if (c == '*') {
                    regex.append("(?:[A-Z0-9]+|_[A-Z0-9_]+_)");
                } else {
                    regex.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
                }
            }
            return Pattern.compile(regex.toString());
        }
    }

    final String module;
    final List<Property> properties = new ArrayList<>();
    /** The keys of the config files, profiles stripped. */
    final Set<String> fileKeys = new TreeSet<>();
    /** What the config files give in the prod profile. */
    final Map<String, String> prodValues = new LinkedHashMap<>();
    /** Variables the Dockerfile sets (with their values) or expands (empty values). */
    final Map<String, String> imageVariables = new LinkedHashMap<>();
    /** The file names under {@code lib/main}. */
    final Set<String> libraries = new TreeSet<>();
    /** Whether its own code injects {@code MediaUrls}: it hands out signed media links. */
    boolean signsLinks;
    /** Whether it has the JAX-RS resource {@code /media} that serves those links. */
    boolean servesMedia;

    private ServiceConfig(String module) {
        this.module = module;
    }

    static ServiceConfig load(Path root, String module) {
        Path app = root.resolve(module).resolve("target/quarkus-app");
        if (!Files.isDirectory(app.resolve("app"))) {
            throw new AssertionError(app + " is missing: build the services first (mvn install -DskipTests)");
        }
        ServiceConfig config = new ServiceConfig(module);
        try (Stream<Path> own = Files.list(app.resolve("app")); Stream<Path> libs = Files.list(app.resolve("lib/main"))) {
            List<Path> ownJars = own.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            List<Path> libJars = libs.sorted().toList();
            libJars.forEach(p -> config.libraries.add(p.getFileName().toString()));
            Indexer ownIndexer = new Indexer();
            Indexer allIndexer = new Indexer();
            for (Path jar : ownJars) {
                config.read(jar, ownIndexer, allIndexer);
            }
            for (Path jar : libJars) {
                if (jar.toString().endsWith(".jar") && hasOpenTalksClasses(jar)) {
                    config.read(jar, null, allIndexer);
                }
            }
            config.collect(allIndexer.complete(), ownIndexer.complete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.readDockerfile(root.resolve(module).resolve("src/main/docker/Dockerfile.jvm"));
        return config;
    }

    private static boolean hasOpenTalksClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(e -> e.getName().startsWith("org/opentalks/"));
        }
    }

    private void read(Path jar, Indexer own, Indexer all) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")
                        && !entry.getName().startsWith("META-INF/versions/")) {
                    byte[] bytes;
                    try (InputStream in = file.getInputStream(entry)) {
                        bytes = in.readAllBytes();
                    }
                    all.index(new java.io.ByteArrayInputStream(bytes));
                    if (own != null) {
                        own.index(new java.io.ByteArrayInputStream(bytes));
                    }
                } else if (CONFIG_FILES.contains(entry.getName())) {
                    Properties properties = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        properties.load(in);
                    }
                    readConfigFile(properties);
                }
            }
        }
    }

    private void readConfigFile(Properties file) {
        for (String key : file.stringPropertyNames()) {
            String property = key;
            boolean prod = true;
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                prod = List.of(key.substring(1, dot).split(",")).contains("prod");
                property = key.substring(dot + 1);
            }
            fileKeys.add(property);
            if (prod) {
                prodValues.put(property, file.getProperty(key));
            }
        }
    }

    private void collect(Index all, Index own) {
        for (AnnotationInstance mapping : all.getAnnotations(CONFIG_MAPPING)) {
            ClassInfo root = mapping.target().asClass();
            AnnotationValue strategy = mapping.value("namingStrategy");
            group(all, root, mapping.value("prefix") == null ? "" : mapping.value("prefix").asString(),
                    strategy == null ? "KEBAB_CASE" : strategy.asEnum(), false, new LinkedHashSet<>());
        }
        for (AnnotationInstance property : all.getAnnotations(CONFIG_PROPERTY)) {
            AnnotationValue name = property.value("name");
            AnnotationValue defaultValue = property.value("defaultValue");
            String declaredBy = property.target().toString();
            if (name == null || name.asString().isEmpty()) {
                continue; // the default name (class.field) is never set from outside in OpenTalks
            }
            properties.add(new Property(name.asString(),
                    defaultValue != null && !defaultValue.asString().equals(NO_DEFAULT), false, declaredBy));
        }
        for (String key : fileKeys) {
            properties.add(new Property(key, true, true, module + "'s config files"));
        }
        for (ClassInfo type : own.getKnownClasses()) {
            AnnotationInstance path = type.declaredAnnotation(JAX_RS_PATH);
            if (path != null && path.value().asString().replaceAll("^/|/$", "").equals("media")) {
                servesMedia = true;
            }
            for (FieldInfo field : type.fields()) {
                signsLinks |= !Modifier.isStatic(field.flags()) && field.type().name().equals(MEDIA_URLS);
            }
            for (MethodInfo method : type.methods()) {
                if (method.isConstructor() || method.hasDeclaredAnnotation(INJECT)) {
                    signsLinks |= method.parameterTypes().stream().anyMatch(t -> t.name().equals(MEDIA_URLS));
                }
            }
        }
    }

    /** The properties of a mapping group (or the root interface) under {@code prefix}. */
    private void group(Index index, ClassInfo type, String prefix, String naming, boolean optional, Set<DotName> seen) {
        if (!seen.add(type.name())) {
            return;
        }
        for (MethodInfo method : type.methods()) {
            if (Modifier.isStatic(method.flags()) || !Modifier.isAbstract(method.flags())
                    || method.parametersCount() > 0) {
                continue;
            }
            String name = method.hasDeclaredAnnotation(WITH_PARENT_NAME) ? ""
                    : method.hasDeclaredAnnotation(WITH_NAME) ? method.declaredAnnotation(WITH_NAME).value().asString()
                    : name(method.name(), naming);
            String path = name.isEmpty() ? prefix : prefix.isEmpty() ? name : prefix + "." + name;
            boolean hasDefault = method.hasDeclaredAnnotation(WITH_DEFAULT);
            member(index, type.name() + "." + method.name() + "()", method.returnType(), path, naming,
                    optional, hasDefault, seen);
        }
        for (DotName parent : type.interfaceNames()) {
            ClassInfo parentType = index.getClassByName(parent);
            if (parentType != null) {
                group(index, parentType, prefix, naming, optional, seen);
            }
        }
        seen.remove(type.name());
    }

    private void member(Index index, String declaredBy, Type type, String path, String naming, boolean optional,
                        boolean hasDefault, Set<DotName> seen) {
        String raw = type.name().toString();
        if (OPTIONALS.contains(raw)) {
            if (type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
                member(index, declaredBy, type.asParameterizedType().arguments().get(0), path, naming, true,
                        hasDefault, seen);
            } else {
                properties.add(new Property(path, hasDefault, true, declaredBy));
            }
        } else if (raw.equals("java.util.Map") && type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            member(index, declaredBy, type.asParameterizedType().arguments().get(1), path + ".*", naming, true,
                    hasDefault, seen);
        } else if (COLLECTIONS.contains(raw) && type.kind() == Type.Kind.PARAMETERIZED_TYPE
                && isGroup(index, type.asParameterizedType().arguments().get(0))) {
            member(index, declaredBy, type.asParameterizedType().arguments().get(0), path + "[*]", naming, true,
                    hasDefault, seen);
        } else if (isGroup(index, type)) {
            group(index, index.getClassByName(type.name()), path, naming, optional, seen);
        } else {
            properties.add(new Property(path, hasDefault, optional, declaredBy));
        }
    }

    /** A config group: an interface of the indexed (OpenTalks) code; anything else is a value. */
    private static boolean isGroup(Index index, Type type) {
        ClassInfo info = type.kind() == Type.Kind.CLASS || type.kind() == Type.Kind.PARAMETERIZED_TYPE
                ? index.getClassByName(type.name()) : null;
        return info != null && info.isInterface();
    }

    private static String name(String method, String naming) {
        if (naming.equals("VERBATIM")) {
            return method;
        }
        String separator = naming.equals("SNAKE_CASE") ? "_" : "-";
        StringBuilder name = new StringBuilder();
        for (char c : method.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append(separator).append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private void readDockerfile(Path dockerfile) {
        if (!Files.isRegularFile(dockerfile)) {
            return;
        }
        try {
            String text = Files.readString(dockerfile).replaceAll("\\\\\\r?\\n", " ");
            for (String line : text.split("\\r?\\n")) {
                String trimmed = line.trim();
                if (trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.startsWith("ENV ")) {
                    Matcher env = DOCKER_ENV.matcher(trimmed.substring(4));
                    while (env.find()) {
                        imageVariables.put(env.group(1), env.group(2).replaceAll("^\"|\"$", ""));
                    }
                }
                Matcher reference = DOCKER_REFERENCE.matcher(trimmed);
                while (reference.find()) {
                    imageVariables.putIfAbsent(reference.group(1), "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code variable} configures in this service, or empty when it configures nothing. */
    Optional<String> propertyFor(String variable) {
        for (Property property : properties) {
            if (property.envPattern().matcher(variable).matches()) {
                return Optional.of(property.name());
            }
        }
        for (String namespace : FRAMEWORK_NAMESPACES) {
            if (variable.startsWith(envName(namespace))) {
                return Optional.of(namespace + "… (the framework's namespace)");
            }
        }
        if (imageVariables.containsKey(variable)) {
            return Optional.of("the image's " + variable + " (Dockerfile.jvm)");
        }
        return Optional.empty();
    }

    /** The property of this service that {@code variable} sets, only where it is one of {@link #properties}. */
    Optional<Property> declaredFor(String variable) {
        return properties.stream().filter(p -> p.envPattern().matcher(variable).matches()).findFirst();
    }

    /** Properties that nothing gives a value: no default in the code, none in the config files. */
    List<Property> withoutValue() {
        return properties.stream()
                .filter(p -> !p.hasDefault() && !p.optional() && !p.name().contains("*"))
                .filter(p -> !prodValues.containsKey(p.name()))
                .toList();
    }

    boolean reads(String propertyPattern) {
        return properties.stream().anyMatch(p -> p.name().equals(propertyPattern));
    }

    static String envName(String property) {
        StringBuilder name = new StringBuilder();
        for (char c : property.toCharArray()) {
            name.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }
}
