package org.opentalks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentalks.launcher.deploy.Kustomization.Resource;
import org.opentalks.launcher.deploy.Workloads.Container;
import org.opentalks.launcher.deploy.Workloads.Source;
import org.opentalks.launcher.deploy.Workloads.Variable;

/**
 * Keeps deploy/ true to the code: every kustomization (the base and each overlay) is built as kubectl
 * would build it, and every environment variable of every OpenTalks container is checked against
 * what that service really reads ({@link ServiceConfig}, from its packaged classes and config files),
 * and the other way round: what a service needs in production must be set, secrets from Secrets.
 * Also the ports, probes and metrics paths, the Kafka topics and the KEDA trigger, and the Ingress.
 */
class ManifestConfigTest {
    private static final Path ROOT = Path.of(System.getProperty("opentalks.root")).toAbsolutePath();
    private static final Pattern SERVICE_IMAGE = Pattern.compile("opentalks/([a-z0-9-]+)(?::.*)?");
    private static final String SIGNING_KEY = "opentalks.media.signing-key";
    private static final String BASE_URL = "opentalks.media.base-url";
    private static final String OWNER_KEYS = "opentalks.api.owners.*.keys";
    private static final Pattern SECRET_LOOKING = Pattern.compile(".*(secret|password|signing-key).*");
    private static final Map<String, ServiceConfig> SERVICES = new HashMap<>();

    static Stream<String> kustomizations() throws IOException {
        List<String> dirs = new ArrayList<>(List.of("deploy/kubernetes"));
        try (Stream<Path> overlays = Files.list(ROOT.resolve("deploy/overlays"))) {
            overlays.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> ROOT.relativize(d).toString()).sorted().forEach(dirs::add);
        }
        return dirs.stream();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyVariableConfiguresSomethingTheServiceReads(String kustomization) {
        List<String> failures = new ArrayList<>();
        for (Container container : serviceContainers(kustomization)) {
            ServiceConfig service = service(container);
            container.env().values().forEach(variable -> {
                if (service.propertyFor(variable.name()).isEmpty()) {
                    failures.add(container.describe(ROOT) + ": " + variable.name() + " (" + variable.origin()
                            + ") configures nothing " + service.module + " reads: it would be " + guess(variable.name())
                            + ", which is no property of its code or config files");
                }
            });
        }
        assertNoFailures(kustomization, failures);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyReferenceResolves(String kustomization) {
        List<Resource> resources = Kustomization.build(ROOT.resolve(kustomization));
        List<String> failures = new ArrayList<>();
        for (Container container : Workloads.containers(resources, ROOT)) {
            failures.addAll(container.brokenReferences());
        }
        for (Resource ingress : ofKind(resources, "Ingress")) {
            Set<String> ruleHosts = new TreeSet<>();
            for (JsonNode rule : ingress.node().path("spec").path("rules")) {
                ruleHosts.add(rule.path("host").asText());
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    String port = backend.path("port").path("name").asText(backend.path("port").path("number").asText());
                    Optional<Resource> service = Kustomization.find(resources, "Service", backend.path("name").asText());
                    if (service.isEmpty() || !servicePorts(service.get()).contains(port)) {
                        failures.add(ingress.describe(ROOT) + ": host " + rule.path("host").asText() + " routes to "
                                + backend.path("name").asText() + ":" + port + ", which no Service has");
                    }
                }
            }
            for (JsonNode tls : ingress.node().path("spec").path("tls")) {
                for (JsonNode host : tls.path("hosts")) {
                    if (!ruleHosts.contains(host.asText())) {
                        failures.add(ingress.describe(ROOT) + ": TLS host " + host.asText() + " has no rule");
                    }
                }
            }
        }
        assertNoFailures(kustomization, failures);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void whatAServiceNeedsInProductionIsSet(String kustomization) {
        List<Resource> resources = Kustomization.build(ROOT.resolve(kustomization));
        List<String> failures = new ArrayList<>();
        Map<String, Set<String>> signingKeySources = new LinkedHashMap<>();
        Map<String, Set<String>> baseUrls = new LinkedHashMap<>();
        for (Container container : serviceContainers(resources)) {
            ServiceConfig service = service(container);
            String where = container.describe(ROOT);
            for (ServiceConfig.Property property : service.withoutValue()) {
                if (variablesFor(container, property.name()).isEmpty()) {
                    failures.add(where + ": " + property.name() + " (" + property.declaredBy() + ") has no default and"
                            + " no value in the config files: set " + ServiceConfig.envName(property.name()));
                }
            }
            for (Variable variable : container.env().values()) {
                Optional<ServiceConfig.Property> property = service.declaredFor(variable.name());
                if (property.isPresent() && isSecret(property.get().name()) && variable.source() != Source.SECRET) {
                    failures.add(where + ": " + variable.name() + " (" + variable.origin() + ") is a secret, so it"
                            + " belongs in a Secret");
                }
            }
            if (service.signsLinks) {
                List<Variable> keys = variablesFor(container, SIGNING_KEY);
                if (keys.isEmpty()) {
                    failures.add(where + ": " + service.module + " signs media links, so it needs "
                            + ServiceConfig.envName(SIGNING_KEY) + " from a Secret (its default is the public"
                            + " development key, which production refuses)");
                }
                keys.forEach(v -> signingKeySources.computeIfAbsent(v.source() + " " + v.sourceName(),
                        k -> new TreeSet<>()).add(service.module));
                List<Variable> urls = variablesFor(container, BASE_URL);
                if (urls.isEmpty()) {
                    failures.add(where + ": " + service.module + " signs media links, so it needs "
                            + ServiceConfig.envName(BASE_URL) + " (the default is localhost)");
                }
                urls.forEach(v -> baseUrls.computeIfAbsent(v.value(), k -> new TreeSet<>()).add(service.module));
            }
            if (service.reads(OWNER_KEYS)) {
                List<Variable> owners = variablesFor(container, OWNER_KEYS);
                if (owners.isEmpty()) {
                    failures.add(where + ": no account (" + ServiceConfig.envName("opentalks.api.owners.") + "<OWNER>_KEYS):"
                            + " the gateway refuses to start in production without one");
                }
            }
        }
        if (signingKeySources.size() > 1) {
            failures.add("the services that sign media links must share one signing key, but they take it from "
                    + signingKeySources);
        }
        if (baseUrls.size() > 1) {
            failures.add("the services that sign media links must share one base URL, but they have " + baseUrls);
        }
        Set<String> apiHosts = mediaHosts(resources);
        for (String url : baseUrls.keySet()) {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) || !apiHosts.contains(uri.getHost())) {
                failures.add(BASE_URL + " is " + url + ", but media links are served by the gateway at /media/ on "
                        + apiHosts.stream().map(h -> "https://" + h).toList() + " (ingress)");
            }
        }
        assertNoFailures(kustomization, failures);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void portsProbesAndMetricsMatchTheServices(String kustomization) {
        List<Resource> resources = Kustomization.build(ROOT.resolve(kustomization));
        List<String> failures = new ArrayList<>();
        for (Container container : serviceContainers(resources)) {
            ServiceConfig service = service(container);
            String where = container.describe(ROOT);
            String port = Optional.ofNullable(container.env().get("QUARKUS_HTTP_PORT")).map(Variable::value)
                    .orElse(service.prodValues.getOrDefault("quarkus.http.port", "8080"));
            Map<String, String> ports = new LinkedHashMap<>();
            container.spec().path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asText()));
            if (!port.equals(ports.get("http"))) {
                failures.add(where + ": the port named http is " + ports.get("http") + ", the service listens on " + port);
            }
            JsonNode annotations = container.podTemplate().path("metadata").path("annotations");
            if (annotations.has("prometheus.io/port") && !annotations.get("prometheus.io/port").asText().equals(port)) {
                failures.add(where + ": prometheus.io/port is " + annotations.get("prometheus.io/port").asText()
                        + ", the service listens on " + port);
            }
            if (annotations.path("prometheus.io/path").asText().equals("/q/metrics")
                    && service.libraries.stream().noneMatch(l -> l.contains("quarkus-micrometer-registry-prometheus"))) {
                failures.add(where + ": /q/metrics is scraped, but " + service.module + " has no Prometheus registry");
            }
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode http = container.spec().path(probe).path("httpGet");
                if (http.isMissingNode()) {
                    continue;
                }
                if (http.path("path").asText().startsWith("/q/health")
                        && service.libraries.stream().noneMatch(l -> l.contains("quarkus-smallrye-health"))) {
                    failures.add(where + ": " + probe + " asks " + http.path("path").asText() + ", but "
                            + service.module + " has no health extension");
                }
                String probePort = http.path("port").asText();
                if (!probePort.equals(port) && !port.equals(ports.get(probePort))) {
                    failures.add(where + ": " + probe + " asks port " + probePort + ", the service listens on " + port);
                }
            }
        }
        assertNoFailures(kustomization, failures);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyTopicExistsAndTheScalerWatchesTheWorkersTopic(String kustomization) {
        List<Resource> resources = Kustomization.build(ROOT.resolve(kustomization));
        List<String> failures = new ArrayList<>();
        Map<String, Integer> partitions = new TreeMap<>();
        ofKind(resources, "KafkaTopic").forEach(t -> partitions.put(t.node().path("spec").path("topicName").asText(t.name()),
                t.node().path("spec").path("partitions").asInt()));
        Set<String> topics = partitions.keySet();
        Map<String, ServiceConfig> byDeployment = new LinkedHashMap<>();
        for (Container container : serviceContainers(resources)) {
            ServiceConfig service = service(container);
            byDeployment.put(container.workload().name(), service);
            service.prodValues.forEach((key, value) -> {
                if (!key.startsWith("mp.messaging.") || !(key.endsWith(".topic") || key.endsWith(".topics"))) {
                    return;
                }
                List<String> named = List.of(value.split("\\s*,\\s*"));
                for (String topic : named) {
                    if (!topics.contains(topic)) {
                        failures.add(service.module + " uses the topic " + topic + " (" + key + "), which has no KafkaTopic"
                                + " (the broker does not create topics: auto.create.topics.enable=false)");
                    }
                }
                // One consumer of several topics (the notifier) owns partition p of each: they must be partitioned alike.
                Set<Integer> counts = new TreeSet<>();
                named.stream().filter(partitions::containsKey).forEach(topic -> counts.add(partitions.get(topic)));
                if (counts.size() > 1) {
                    failures.add(service.module + " consumes " + named + " on one channel (" + key + "), but their "
                            + "KafkaTopics have different partition counts " + counts + ": a talk's events would "
                            + "reach different replicas");
                }
            });
        }
        for (Resource scaler : ofKind(resources, "ScaledObject")) {
            ServiceConfig service = byDeployment.get(scaler.node().path("spec").path("scaleTargetRef").path("name").asText());
            for (JsonNode trigger : scaler.node().path("spec").path("triggers")) {
                if (service == null || !trigger.path("type").asText().equals("kafka")) {
                    continue;
                }
                String topic = trigger.path("metadata").path("topic").asText();
                Optional<String> channel = service.prodValues.entrySet().stream()
                        .filter(e -> e.getKey().matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic") && e.getValue().equals(topic))
                        .map(e -> e.getKey().split("\\.")[3]).findFirst();
                if (channel.isEmpty()) {
                    failures.add(scaler.describe(ROOT) + " scales on " + topic + ", which " + service.module + " does not consume");
                    continue;
                }
                String group = service.prodValues.getOrDefault("mp.messaging.incoming." + channel.get() + ".group.id",
                        service.prodValues.get("quarkus.application.name"));
                if (!trigger.path("metadata").path("consumerGroup").asText().equals(group)) {
                    failures.add(scaler.describe(ROOT) + " watches consumer group "
                            + trigger.path("metadata").path("consumerGroup").asText() + ", " + service.module
                            + " consumes " + topic + " as " + group);
                }
            }
        }
        assertNoFailures(kustomization, failures);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyServiceIsDeployed(String kustomization) throws IOException {
        Set<String> deployed = new TreeSet<>();
        serviceContainers(kustomization).forEach(c -> deployed.add(service(c).module));
        Set<String> services = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(m -> Files.isRegularFile(m.resolve("src/main/docker/Dockerfile.jvm")))
                    .forEach(m -> services.add(m.getFileName().toString()));
        }
        assertEquals(services, deployed, kustomization + ": every service with an image is deployed");
    }

    /**
     * Where kubectl is installed: what this test checks is what {@code kubectl kustomize} builds (the
     * specs, images aside, which {@code images:} may rename, and the ConfigMaps' and Secrets' data).
     */
    @ParameterizedTest
    @MethodSource("kustomizations")
    void theResourcesCheckedAreTheOnesKubectlBuilds(String kustomization) throws Exception {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed: the comparison runs where it is");
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", ROOT.resolve(kustomization).toString())
                    .redirectOutput(out.toFile()).redirectErrorStream(false).start();
            String errors = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "kubectl kustomize hangs");
            assertEquals(0, process.exitValue(), "kubectl kustomize " + kustomization + ": " + errors);
            List<Resource> theirs = Kustomization.read(out);
            List<Resource> ours = Kustomization.build(ROOT.resolve(kustomization));
            assertEquals(names(theirs), names(ours), "the same resources");
            for (Resource resource : ours) {
                Resource built = Kustomization.find(theirs, resource.kind(), resource.name()).orElseThrow();
                assertEquals(withoutImages(built.node().path("spec")), withoutImages(resource.node().path("spec")),
                        resource.describe(ROOT) + ": spec");
                if (Set.of("ConfigMap", "Secret").contains(resource.kind())) {
                    assertEquals(Workloads.data(built), Workloads.data(resource), resource.describe(ROOT) + ": data");
                }
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The checker itself, on the drift it was written for: it must see what the code does not read. */
    @Test
    void theCheckSeesVariablesNobodyReads() {
        ServiceConfig gateway = SERVICES.computeIfAbsent("api-gateway", m -> ServiceConfig.load(ROOT, m));
        ServiceConfig notifier = SERVICES.computeIfAbsent("webhook-notifier", m -> ServiceConfig.load(ROOT, m));
        ServiceConfig tts = SERVICES.computeIfAbsent("tts-service", m -> ServiceConfig.load(ROOT, m));

        assertEquals(Optional.empty(), gateway.propertyFor("OPENTALKS_API_KEYS"));
        assertEquals(Optional.empty(), gateway.propertyFor("OPENTALKS_API_URL_VALIDITY"));
        assertEquals(Optional.empty(), notifier.propertyFor("OPENTALKS_NOTIFIER_URL_VALIDITY"));
        assertEquals(Optional.empty(), tts.propertyFor("OPENTALKS_NOTIFIER_TALK_TIMEOUT"));
        assertEquals(Optional.empty(), gateway.propertyFor("OPENTALKS_API_OWNERS_MY_CO_KEYS"),
                "SmallRye ignores a map key with _ in it");
        assertEquals(Optional.of("opentalks.api.owners.*.keys"), gateway.propertyFor("OPENTALKS_API_OWNERS_ACME_KEYS"));
        assertEquals(Optional.of("opentalks.api.owners.*.rate-limit"),
                gateway.propertyFor("OPENTALKS_API_OWNERS_ACME_RATE_LIMIT"));
        assertEquals(Optional.of("opentalks.media.url-validity"), notifier.propertyFor("OPENTALKS_MEDIA_URL_VALIDITY"));
        assertEquals(Optional.of("opentalks.notifier.talk-timeout"), notifier.propertyFor("OPENTALKS_NOTIFIER_TALK_TIMEOUT"));
        assertTrue(gateway.signsLinks && gateway.servesMedia, "the gateway signs and serves media links");
        assertTrue(notifier.signsLinks && !notifier.servesMedia, "the notifier signs links in webhooks");
        assertFalse(tts.signsLinks, "tts-service hands out no links");
        assertTrue(gateway.reads(OWNER_KEYS));
        assertFalse(gateway.propertyFor("OPENTALKS_MODELS_BLAZEFACE_DIR").isPresent(), "driver-matcher's, not the gateway's");
    }

    // ---- helpers

    private static Set<String> names(List<Resource> resources) {
        Set<String> names = new TreeSet<>();
        resources.forEach(r -> names.add(r.kind() + " " + r.name()));
        return names;
    }

    private static JsonNode withoutImages(JsonNode spec) {
        JsonNode copy = spec.deepCopy();
        copy.findParents("image").forEach(parent -> {
            if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object && parent.has("name")) {
                object.remove("image");
            }
        });
        return copy;
    }

    private static List<Container> serviceContainers(String kustomization) {
        return serviceContainers(Kustomization.build(ROOT.resolve(kustomization)));
    }

    private static List<Container> serviceContainers(List<Resource> resources) {
        return Workloads.containers(resources, ROOT).stream()
                .filter(c -> SERVICE_IMAGE.matcher(c.image()).matches()).toList();
    }

    private static ServiceConfig service(Container container) {
        Matcher image = SERVICE_IMAGE.matcher(container.image());
        assertTrue(image.matches(), container.image());
        String module = image.group(1);
        assertTrue(Files.isDirectory(ROOT.resolve(module)), container.describe(ROOT) + ": image " + container.image()
                + " names no module of this repository");
        return SERVICES.computeIfAbsent(module, m -> ServiceConfig.load(ROOT, m));
    }

    /** The container's variables that set {@code property} (a pattern with {@code *} for map keys). */
    private static List<Variable> variablesFor(Container container, String property) {
        Pattern pattern = new ServiceConfig.Property(property, false, false, "").envPattern();
        return container.env().values().stream().filter(v -> pattern.matcher(v.name()).matches()).toList();
    }

    private static boolean isSecret(String property) {
        return SECRET_LOOKING.matcher(property).matches() || property.equals(OWNER_KEYS);
    }

    /** The hosts on which the Ingress sends {@code /} to the Service in front of the service that serves /media. */
    private static Set<String> mediaHosts(List<Resource> resources) {
        Set<String> mediaServices = new LinkedHashSet<>();
        for (Resource service : ofKind(resources, "Service")) {
            JsonNode selector = service.node().path("spec").path("selector");
            for (Container container : serviceContainers(resources)) {
                JsonNode labels = container.podTemplate().path("metadata").path("labels");
                boolean selected = selector.size() > 0;
                for (var it = selector.fields(); it.hasNext(); ) {
                    var label = it.next();
                    selected &= label.getValue().equals(labels.get(label.getKey()));
                }
                if (selected && service(container).servesMedia) {
                    mediaServices.add(service.name());
                }
            }
        }
        Set<String> hosts = new TreeSet<>();
        for (Resource ingress : ofKind(resources, "Ingress")) {
            for (JsonNode rule : ingress.node().path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    if (path.path("path").asText().equals("/")
                            && mediaServices.contains(path.path("backend").path("service").path("name").asText())) {
                        hosts.add(rule.path("host").asText());
                    }
                }
            }
        }
        return hosts;
    }

    private static Set<String> servicePorts(Resource service) {
        Set<String> ports = new TreeSet<>();
        service.node().path("spec").path("ports").forEach(p -> {
            ports.add(p.path("name").asText());
            ports.add(p.path("port").asText());
        });
        return ports;
    }

    private static List<Resource> ofKind(List<Resource> resources, String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** The property a variable would set, for the message: lower case, {@code _} read as {@code .}. */
    private static String guess(String variable) {
        return variable.toLowerCase().replace('_', '.');
    }

    private static void assertNoFailures(String kustomization, List<String> failures) {
        assertTrue(failures.isEmpty(), kustomization + ":\n  - " + String.join("\n  - ", failures));
    }
}
