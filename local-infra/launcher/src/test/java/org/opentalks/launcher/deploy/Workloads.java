package org.opentalks.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentalks.launcher.deploy.Kustomization.Resource;

/**
 * The containers of the workloads in a kustomization and the environment each one really gets:
 * {@code envFrom} ConfigMaps and Secrets expanded key by key, {@code env} entries on top (as the
 * kubelet does), every reference resolved through the manifests, and what could not be resolved.
 */
final class Workloads {
    private static final Set<String> POD_TEMPLATES = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    /** Where a variable's value comes from: a literal, a ConfigMap or Secret key, or the pod (fieldRef). */
    enum Source { LITERAL, CONFIG_MAP, SECRET, POD }

    /**
     * One environment variable of a container.
     *
     * @param value  the value in the manifests (a template's placeholder for a Secret); null for POD
     * @param origin where it is written, for messages
     */
    record Variable(String name, String value, Source source, String sourceName, String origin) {
    }

    /** A container of a workload, its environment and the references that point at nothing. */
    record Container(Resource workload, JsonNode spec, JsonNode podTemplate, Map<String, Variable> env,
                     List<String> brokenReferences) {
        String name() {
            return spec.path("name").asText();
        }

        String image() {
            return spec.path("image").asText();
        }

        String describe(Path root) {
            return workload.describe(root) + " container " + name();
        }
    }

    private Workloads() {
    }

    static List<Container> containers(List<Resource> resources, Path root) {
        List<Container> containers = new ArrayList<>();
        for (Resource workload : resources) {
            if (!POD_TEMPLATES.contains(workload.kind())) {
                continue;
            }
            JsonNode template = workload.node().path("spec").path("template");
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode container : template.path("spec").path(list)) {
                    containers.add(resolve(workload, template, container, resources, root));
                }
            }
        }
        return containers;
    }

    private static Container resolve(Resource workload, JsonNode template, JsonNode container,
                                     List<Resource> resources, Path root) {
        Map<String, Variable> env = new LinkedHashMap<>();
        List<String> broken = new ArrayList<>();
        String where = workload.describe(root) + " container " + container.path("name").asText();
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            boolean secret = from.has("secretRef");
            JsonNode ref = secret ? from.get("secretRef") : from.path("configMapRef");
            String name = ref.path("name").asText();
            Optional<Resource> source = Kustomization.find(resources, secret ? "Secret" : "ConfigMap", name);
            if (source.isEmpty()) {
                if (!ref.path("optional").asBoolean(false)) {
                    broken.add(where + ": envFrom " + (secret ? "Secret " : "ConfigMap ") + name + " does not exist");
                }
                continue;
            }
            data(source.get()).forEach((key, value) -> put(env, broken, where, new Variable(prefix + key, value,
                    secret ? Source.SECRET : Source.CONFIG_MAP, name, source.get().describe(root) + " key " + key)));
        }
        for (JsonNode entry : container.path("env")) {
            String name = entry.path("name").asText();
            JsonNode valueFrom = entry.path("valueFrom");
            if (!entry.has("valueFrom")) {
                put(env, broken, where, new Variable(name, entry.path("value").asText(""), Source.LITERAL, null,
                        where + " env"));
            } else if (valueFrom.has("configMapKeyRef") || valueFrom.has("secretKeyRef")) {
                boolean secret = valueFrom.has("secretKeyRef");
                JsonNode ref = secret ? valueFrom.get("secretKeyRef") : valueFrom.get("configMapKeyRef");
                String kind = secret ? "Secret" : "ConfigMap";
                String resourceName = ref.path("name").asText();
                String key = ref.path("key").asText();
                String value = Kustomization.find(resources, kind, resourceName).map(r -> data(r).get(key)).orElse(null);
                if (value == null) {
                    if (!ref.path("optional").asBoolean(false)) {
                        broken.add(where + ": env " + name + " refers to " + kind + " " + resourceName + " key " + key
                                + ", which does not exist");
                    }
                    continue;
                }
                put(env, broken, where, new Variable(name, value, secret ? Source.SECRET : Source.CONFIG_MAP,
                        resourceName, where + " env (from " + kind + " " + resourceName + " key " + key + ")"));
            } else {
                put(env, broken, where, new Variable(name, null, Source.POD, null, where + " env (from the pod)"));
            }
        }
        return new Container(workload, container, template, env, broken);
    }

    /**
     * The kubelet lets the last source win (env over envFrom); a variable set twice is still reported,
     * since one of the two values is silently dead.
     */
    private static void put(Map<String, Variable> env, List<String> broken, String where, Variable variable) {
        Variable before = env.put(variable.name(), variable);
        if (before != null) {
            broken.add(where + ": " + variable.name() + " is set twice, by " + before.origin() + " and by "
                    + variable.origin() + " (the second wins)");
        }
    }

    /** A ConfigMap's or Secret's keys and values (a Secret's {@code data} decoded). */
    static Map<String, String> data(Resource resource) {
        Map<String, String> data = new LinkedHashMap<>();
        resource.node().path("data").fields().forEachRemaining(e -> data.put(e.getKey(),
                resource.kind().equals("Secret")
                        ? new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)
                        : e.getValue().asText()));
        resource.node().path("binaryData").fieldNames().forEachRemaining(key -> data.put(key, ""));
        resource.node().path("stringData").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }
}
