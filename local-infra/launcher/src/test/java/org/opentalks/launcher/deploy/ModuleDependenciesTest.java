package org.opentalks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The modules keep their places: the contract is records and names only (no Kafka, MinIO, HTTP or
 * Quarkus among its dependencies), and the libraries depend on the contract and on one another, never
 * on the services' kit or a service.
 */
class ModuleDependenciesTest {
    private static final Path ROOT = Path.of(System.getProperty("opentalks.root")).toAbsolutePath();
    private static final Set<String> NOT_IN_THE_CONTRACT = Set.of("org.apache.kafka", "io.minio",
            "com.squareup.okhttp3", "io.quarkus", "io.smallrye.reactive", "jakarta.ws.rs");

    @Test
    void theContractIsOnlyAContract() throws Exception {
        List<String> dependencies = dependencies("contract");
        List<String> wrong = dependencies.stream()
                .filter(d -> NOT_IN_THE_CONTRACT.stream().anyMatch(g -> d.startsWith(g + ":"))).toList();
        System.out.println("contract depends on " + dependencies);
        assertEquals(List.of(), wrong, "the contract depends on " + wrong);
    }

    @Test
    void theLibrariesDependOnTheContractNotOnTheServices() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String library : List.of("libs/store", "libs/speech", "libs/cloud-speech", "libs/piper", "libs/vision",
                "libs/reenact", "libs/drivers", "libs/media", "libs/transcribe")) {
            for (String dependency : dependencies(library)) {
                if (dependency.matches("org\\.opentalks:opentalks-(service-kit|service-testing|api-gateway|tts-service"
                        + "|driver-matcher|render-worker|muxer|webhook-notifier)(:.*)?")) {
                    failures.add(library + " depends on " + dependency);
                }
                if (dependency.startsWith("io.quarkus:") && !dependency.endsWith(":test")) {
                    failures.add(library + " depends on " + dependency);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures::toString);
    }

    /** {@code groupId:artifactId[:scope]} of each dependency the module's pom declares (not its managed ones). */
    private static List<String> dependencies(String module) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve(module).resolve("pom.xml").toFile());
        List<String> out = new ArrayList<>();
        NodeList all = pom.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            if (!"dependencies".equals(d.getParentNode().getNodeName())
                    || !"project".equals(d.getParentNode().getParentNode().getNodeName())) {
                continue;
            }
            String scope = text(d, "scope");
            out.add(text(d, "groupId") + ":" + text(d, "artifactId") + (scope.isEmpty() ? "" : ":" + scope));
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
