package org.opentalks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentalks.launcher.deploy.Kustomization.Resource;

/**
 * Every resource of every kustomization (the base and each overlay, built as in {@link ManifestConfigTest})
 * conforms to the schema the cluster applies it with, checked offline and strictly by {@link ResourceSchemas}:
 * the built-in kinds by fabric8's Kubernetes model, Strimzi's by Strimzi's API model, the ScaledObject by
 * KEDA's CRD schema. A misspelt or misplaced field, a value of the wrong type or an API version the cluster
 * does not serve fails here instead of at {@code kubectl apply}, or worse, being pruned there in silence.
 */
class ManifestSchemaTest {
    private static final Path ROOT = Path.of(System.getProperty("opentalks.root")).toAbsolutePath();
    /** A valid Deployment for the checks below to break ({@code #pod} marks where a pod field may go). */
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
              annotations: {prometheus.io/scrape: "true"}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  #pod
                  containers:
                    - name: d
                      image: opentalks/muxer
                      env:
                        - name: THREADS
                          value: "8"
                      ports:
                        - containerPort: 8080
                      resources:
                        limits: {cpu: 1, memory: 2Gi}
            """;

    @ParameterizedTest
    @MethodSource("org.opentalks.launcher.deploy.ManifestConfigTest#kustomizations")
    void everyResourceConformsToItsSchema(String kustomization) {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> validated = new TreeMap<>();
        for (Resource resource : Kustomization.build(ROOT.resolve(kustomization))) {
            ResourceSchemas.problems(resource.node()).forEach(p -> failures.add(resource.describe(ROOT) + ": " + p));
            validated.merge(resource.node().path("apiVersion").asText() + " " + resource.kind() + " ("
                    + ResourceSchemas.model(resource.node()) + ")", 1, Integer::sum);
        }
        System.out.println(kustomization + ": " + validated.values().stream().mapToInt(Integer::intValue).sum()
                + " resources validated");
        validated.forEach((kind, count) -> System.out.printf("  %3d %s%n", count, kind));
        assertTrue(failures.isEmpty(), kustomization + ":\n  - " + String.join("\n  - ", failures));
    }

    /** The check itself, on the mistakes it is for: each must be reported, with where it is. */
    @Test
    void theCheckSeesMisspeltAndMisplacedFields() throws IOException {
        JsonNode deployment = Kustomization.YAML.readTree(DEPLOYMENT
                .replace("#pod", "envFrom: [{configMapRef: {name: c}}]").replace("containerPort", "contianerPort"));
        assertEquals(List.of(
                "spec.template.spec.envFrom: unknown field (PodSpec has no 'envFrom')",
                "spec.template.spec.containers[0].ports[0].contianerPort: unknown field"
                        + " (ContainerPort has no 'contianerPort')"),
                ResourceSchemas.problems(deployment));
        assertEquals(List.of(), ResourceSchemas.problems(Kustomization.YAML.readTree(DEPLOYMENT)),
                "the unbroken one passes");
    }

    /** Each line: the right text in {@link #DEPLOYMENT}, a wrong one for it, and where the check must say it is. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            replicas: 2 | replicas: "2" | spec.replicas
            {prometheus.io/scrape: "true"} | {prometheus.io/scrape: true} | metadata.annotations.prometheus.io/scrape
            value: "8" | value: 8 | spec.template.spec.containers[0].env[0].value
            containerPort: 8080 | containerPort: "8080" | spec.template.spec.containers[0].ports[0].containerPort
            memory: 2Gi | memory: 2GB | spec.template.spec.containers[0].resources.limits.memory
            """)
    void theCheckSeesValuesOfTheWrongType(String right, String wrong, String where) throws IOException {
        assertTrue(DEPLOYMENT.contains(right), right);
        List<String> problems = ResourceSchemas.problems(Kustomization.YAML.readTree(DEPLOYMENT.replace(right, wrong)));
        assertEquals(1, problems.size(), wrong + ": " + problems);
        assertTrue(problems.get(0).startsWith(where + ": "), wrong + ": " + problems);
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        String twice = DEPLOYMENT.replace("replicas: 2", "replicas: 2\n  replicas: 3");
        IOException refused = assertThrows(IOException.class, () -> Kustomization.YAML.readTree(twice),
                "kubectl refuses a key given twice; the YAML reader must not keep the last one silently");
        assertTrue(refused.getMessage().contains("Duplicate field 'replicas'"), refused.getMessage());
    }

    @Test
    void theCheckSeesUnknownKindsAndRemovedApiVersions() throws IOException {
        for (String type : List.of("apps/v1 Deploymnet", "extensions/v1beta1 Deployment",
                "kafka.strimzi.io/v1beta2 KafkaTopik", "keda.sh/v1alpha1 ScaledJob")) {
            String[] parts = type.split(" ");
            JsonNode resource = Kustomization.YAML.readTree("apiVersion: " + parts[0] + "\nkind: " + parts[1]
                    + "\nmetadata: {name: x}\n");
            List<String> problems = ResourceSchemas.problems(resource);
            assertEquals(1, problems.size(), type + ": " + problems);
            assertTrue(problems.get(0).startsWith(type + " has no schema here"), problems.toString());
        }
    }

    @Test
    void theCheckSeesStrimziAndKedaMistakes() throws IOException {
        JsonNode topic = Kustomization.YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: opentalks}}
                spec:
                  partitions: 6
                  replica: 3
                """);
        assertEquals(List.of("spec.replica: unknown field (KafkaTopicSpec has no 'replica')"),
                ResourceSchemas.problems(topic));

        JsonNode scaler = Kustomization.YAML.readTree("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: s, labelz: {}}
                spec:
                  scaleTargetRef: {name: render-worker}
                  maxReplicaCount: "12"
                  triggers:
                    - type: kafka
                      metadata: {lagThreshold: 2}
                      metaData: {}
                """);
        assertEquals(List.of(
                "spec.maxReplicaCount: string found, integer expected",
                "spec.triggers[0].metadata.lagThreshold: integer found, string expected",
                "spec.triggers[0]: property 'metaData' is not defined in the schema and the schema does not allow"
                        + " additional properties",
                "metadata.labelz: unknown field (ObjectMeta has no 'labelz')"), ResourceSchemas.problems(scaler));
    }
}
