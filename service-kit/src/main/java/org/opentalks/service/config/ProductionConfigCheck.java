package org.opentalks.service.config;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.service.media.MediaConfig;
import org.opentalks.service.secrets.ClientKeySeal;
import org.opentalks.service.secrets.ClientKeysConfig;

/**
 * Refuses to start in production (any profile but dev and test) with the development secrets:
 * {@link ProductionSecrets} decides, this only gathers the values. The media signing key is checked
 * in a service that signs links, i.e. one where something injects {@link MediaUrls} (elsewhere
 * Quarkus removes the unused producer, and the key need not be set), and likewise the secret that seals
 * clients' provider keys where {@link ClientKeySeal} is used; each
 * {@link ProductionRequirement} bean adds a service's own conditions. It runs before the messaging
 * channels start, and Quarkus prints a {@link ConfigurationException}'s message alone, then exits 1.
 */
@ApplicationScoped
public class ProductionConfigCheck {
    private static final Logger LOG = Logger.getLogger(ProductionConfigCheck.class);

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config,
               MediaConfig media, Instance<ProductionRequirement> requirements) {
        List<String> profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
        if (!ProductionSecrets.isProduction(profiles)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (signsLinks()) {
            problems.addAll(ProductionSecrets.signingKeyProblems(media.signingKey()));
            ProductionSecrets.baseUrlWarnings(media.baseUrl()).forEach(LOG::warn);
        }
        if (Arc.container().select(ClientKeySeal.class).isResolvable()) {
            problems.addAll(ProductionSecrets.clientKeySecretProblems(
                    config.getOptionalValue("opentalks.client-keys.secret", String.class)
                            .orElse(ClientKeysConfig.DEVELOPMENT_SECRET)));
        }
        for (ProductionRequirement requirement : requirements) {
            problems.addAll(requirement.problems());
        }
        if (!problems.isEmpty()) {
            String service = config.getOptionalValue("quarkus.application.name", String.class).orElse("this service");
            throw new ConfigurationException(ProductionSecrets.refusal(service, profiles, problems));
        }
    }

    /** Whether this service hands out signed media links: its {@link MediaUrls} producer was kept. */
    static boolean signsLinks() {
        return Arc.container().select(MediaUrls.class).isResolvable();
    }
}
