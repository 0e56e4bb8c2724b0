package org.opentalks.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentalks.service.config.ProductionConfigCheck;
import org.opentalks.service.config.ProductionRequirement;
import org.opentalks.service.config.ProductionSecrets;

/**
 * The gateway's accounts in production ({@link ProductionConfigCheck}): at least one, none with the
 * development key, every key a {@code sha256:} hash, and no {@code OPENTALKS_API_OWNERS_…} variable
 * that SmallRye Config silently ignores.
 */
@ApplicationScoped
public class AccountsRequirement implements ProductionRequirement {
    private final ApiConfig config;

    AccountsRequirement(ApiConfig config) {
        this.config = config;
    }

    @Override
    public List<String> problems() {
        Map<String, List<String>> keysByOwner = new LinkedHashMap<>();
        config.owners().forEach((owner, account) -> keysByOwner.put(owner, account.keys()));
        List<String> problems = new ArrayList<>(ProductionSecrets.ownerProblems(keysByOwner));
        problems.addAll(ProductionSecrets.unmappedOwnerVariables(System.getenv().keySet(), keysByOwner.keySet()));
        return problems;
    }
}
