package org.opentalks.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.Sha256;

class ProductionSecretsTest {
    private static final String DEV_HASH = "sha256:73d6dfe7807451740915fd18cd46e0bc9d82091c7db8530b99cf4ed8ef387c34";
    private static final String ACME_HASH = "sha256:" + Sha256.hex("acme:a-long-secret");

    @Test
    void onlyDevAndTestAreNotProduction() {
        assertTrue(ProductionSecrets.isProduction(List.of("prod")));
        assertTrue(ProductionSecrets.isProduction(List.of("staging")));
        assertTrue(ProductionSecrets.isProduction(List.of()));
        assertFalse(ProductionSecrets.isProduction(List.of("dev")));
        assertFalse(ProductionSecrets.isProduction(List.of("test")));
        assertFalse(ProductionSecrets.isProduction(List.of("test", "gateway")));
    }

    @Test
    void envNamesFollowSmallRyesRule() {
        assertEquals("OPENTALKS_MEDIA_SIGNING_KEY", ProductionSecrets.envName("opentalks.media.signing-key"));
        assertEquals("OPENTALKS_API_OWNERS_ACME_RATE_LIMIT",
                ProductionSecrets.envName("opentalks.api.owners.acme.rate-limit"));
        assertEquals("OPENTALKS_API_OWNERS__MY_CO__KEYS", ProductionSecrets.envName("opentalks.api.owners.\"my.co\".keys"));
    }

    @Test
    void theDevelopmentSigningKeyIsRefusedNamingTheVariable() {
        List<String> problems = ProductionSecrets.signingKeyProblems(ProductionSecrets.DEVELOPMENT_SIGNING_KEY);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("public development key"), problems.get(0));
        assertTrue(problems.get(0).contains("set OPENTALKS_MEDIA_SIGNING_KEY"), problems.get(0));
    }

    @Test
    void placeholdersAndEmptySigningKeysAreRefused() {
        assertEquals(1, ProductionSecrets.signingKeyProblems("CHANGE-ME").size());
        assertEquals(1, ProductionSecrets.signingKeyProblems("").size());
        assertEquals(1, ProductionSecrets.signingKeyProblems(null).size());
        assertEquals(1, ProductionSecrets.signingKeyProblems("x".repeat(ProductionSecrets.MIN_SIGNING_KEY_LENGTH - 1)).size());
    }

    @Test
    void aRandomSigningKeyPasses() {
        assertEquals(List.of(), ProductionSecrets.signingKeyProblems(Sha256.hex("random")));
        assertEquals(List.of(), ProductionSecrets.signingKeyProblems("x".repeat(ProductionSecrets.MIN_SIGNING_KEY_LENGTH)));
    }

    @Test
    void theDevelopmentAccountIsRefusedNamingItsVariable() {
        List<String> problems = ProductionSecrets.ownerProblems(Map.of("local", List.of(DEV_HASH), "acme", List.of(ACME_HASH)));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("development key local:change-me"), problems.get(0));
        assertTrue(problems.get(0).contains("set OPENTALKS_API_OWNERS_LOCAL_KEYS"), problems.get(0));
    }

    @Test
    void theDevelopmentKeyIsRecognisedUnderAnyOwnerAndInUpperCase() {
        List<String> problems = ProductionSecrets.ownerProblems(Map.of("acme", List.of(ACME_HASH, DEV_HASH.toUpperCase())));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("OPENTALKS_API_OWNERS_ACME_KEYS"), problems.get(0));
    }

    @Test
    void noAccountAtAllIsRefused() {
        List<String> problems = ProductionSecrets.ownerProblems(Map.of());

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("OPENTALKS_API_OWNERS_<OWNER>_KEYS"), problems.get(0));
    }

    @Test
    void aKeyThatIsNoHashIsRefused() {
        List<String> problems = ProductionSecrets.ownerProblems(Map.of("acme", List.of("sha256:CHANGE-ME")));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("not sha256:<64 hex digits>"), problems.get(0));
        assertTrue(problems.get(0).contains("OPENTALKS_API_OWNERS_ACME_KEYS"), problems.get(0));
    }

    @Test
    void aKeyPastedInUnhashedIsNotRepeatedInTheMessage() {
        List<String> problems = ProductionSecrets.ownerProblems(Map.of("acme", List.of("acme:the-real-secret")));

        assertEquals(1, problems.size(), problems.toString());
        assertFalse(problems.get(0).contains("the-real-secret"), problems.get(0));
    }

    @Test
    void realAccountsPass() {
        assertEquals(List.of(), ProductionSecrets.ownerProblems(Map.of("acme", List.of(ACME_HASH))));
    }

    @Test
    void ownerVariablesThatConfigureNoAccountAreNamed() {
        Set<String> variables = Set.of("OPENTALKS_API_OWNERS_ACME_KEYS", "OPENTALKS_API_OWNERS_ACME_RATE_LIMIT",
                "OPENTALKS_API_OWNERS__MY_CO__KEYS", "OPENTALKS_API_OWNERS_MY_CO_KEYS", "OPENTALKS_STORE_BUCKET", "PATH");

        List<String> problems = ProductionSecrets.unmappedOwnerVariables(variables, Set.of("acme", "my.co"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("OPENTALKS_API_OWNERS_MY_CO_KEYS configures no account"), problems.get(0));
        assertTrue(problems.get(0).contains("OPENTALKS_API_OWNERS_MYCO_KEYS is the account 'myco'"), problems.get(0));
    }

    @Test
    void aLocalhostBaseUrlIsOnlyAWarning() {
        assertEquals(1, ProductionSecrets.baseUrlWarnings("http://localhost:8080/").size());
        assertEquals(List.of(), ProductionSecrets.baseUrlWarnings("https://api.opentalks.example.com"));
    }

    @Test
    void theRefusalListsEveryProblem() {
        String message = ProductionSecrets.refusal("api-gateway", List.of("prod"), List.of("one", "two"));

        assertTrue(message.startsWith("api-gateway refuses to start"), message);
        assertTrue(message.contains("active profile prod"), message);
        assertTrue(message.contains("\n  - one\n  - two"), message);
    }
}
