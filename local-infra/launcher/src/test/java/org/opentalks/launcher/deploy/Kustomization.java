package org.opentalks.launcher.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code kubectl apply -k <dir>} would apply, as far as configuration goes: the resources of a
 * kustomization and of the ones it includes, with its JSON 6902 patches applied. Anything else a
 * kustomization could do to the resources (generators, strategic-merge patches, replacements) makes
 * this fail instead of being ignored, so that the test never checks less than what is deployed.
 */
final class Kustomization {
    /** Refuses a key given twice in one mapping, as kubectl does, instead of keeping the last one. */
    static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Fields that cannot change an environment variable, a reference or a port. */
    private static final Set<String> UNDERSTOOD = Set.of("apiVersion", "kind", "namespace", "labels",
            "commonLabels", "commonAnnotations", "images", "resources", "patches");

    /** One resource and the file it came from (for messages). */
    record Resource(Path file, ObjectNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        /** e.g. {@code config.yaml ConfigMap opentalks-config}. */
        String describe(Path root) {
            return root.relativize(file) + " " + kind() + " " + name();
        }
    }

    private Kustomization() {
    }

    static List<Resource> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(dir + " has no kustomization.yaml");
        }
        JsonNode kustomization = read(file).get(0).node();
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!UNDERSTOOD.contains(field)) {
                throw new AssertionError(file + ": '" + field + "' may change what is deployed, and this test"
                        + " does not apply it yet: teach Kustomization.java, so the check stays complete");
            }
        });
        List<Resource> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(path) ? build(path) : read(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(file, patch, resources);
        }
        return resources;
    }

    static List<Resource> read(Path file) {
        List<Resource> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode object && !object.isEmpty()) {
                    resources.add(new Resource(file, object));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return resources;
    }

    private static void applyPatch(Path file, JsonNode patch, List<Resource> resources) {
        JsonNode target = patch.path("target");
        for (String field : List.of("group", "version", "namespace", "labelSelector", "annotationSelector")) {
            if (target.has(field)) {
                throw new AssertionError(file + ": patch targets by " + field + ", which this test does not match");
            }
        }
        JsonNode operations;
        try {
            String text = patch.has("path") ? Files.readString(file.resolveSibling(patch.get("path").asText()))
                    : patch.path("patch").asText();
            operations = YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read a patch", e);
        }
        if (!(operations instanceof ArrayNode list)) {
            throw new AssertionError(file + ": only JSON 6902 patches (a list of operations) are understood");
        }
        int matched = 0;
        for (Resource resource : resources) {
            if (matches(target, "kind", resource.kind()) && matches(target, "name", resource.name())) {
                JsonPatch.apply(resource.node(), list, file + " patch of " + resource.kind() + " " + resource.name());
                matched++;
            }
        }
        if (matched == 0) {
            throw new AssertionError(file + ": a patch matches no resource: " + target);
        }
    }

    private static boolean matches(JsonNode target, String field, String value) {
        return !target.has(field) || target.get(field).asText().equals(value);
    }

    /** The resource of that kind and name, if the kustomization has it. */
    static Optional<Resource> find(List<Resource> resources, String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst();
    }
}
