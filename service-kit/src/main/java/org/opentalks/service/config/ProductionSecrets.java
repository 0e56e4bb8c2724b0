package org.opentalks.service.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentalks.contract.Sha256;
import org.opentalks.service.secrets.ClientKeysConfig;

/**
 * What a service refuses to start with outside development: the secrets that ship in the source
 * (the media signing key's default, the gateway's {@code local:change-me} account) and accounts that
 * cannot work. Plain logic over plain values; {@link ProductionConfigCheck} applies it at startup.
 * Every problem names the environment variable that fixes it.
 */
public final class ProductionSecrets {
    /** The default of {@code opentalks.media.signing-key}: public, so links signed with it prove nothing. */
    public static final String DEVELOPMENT_SIGNING_KEY = "opentalks-development-signing-key";
    /** The development account's key, as configured for {@code %dev} and {@code %test} only. */
    public static final String DEVELOPMENT_OWNER_KEY = "local:change-me";
    /** {@code openssl rand -hex 32} gives 64; anything shorter than 32 characters is a placeholder or a word. */
    public static final int MIN_SIGNING_KEY_LENGTH = 32;

    static final String SIGNING_KEY_PROPERTY = "opentalks.media.signing-key";
    static final String BASE_URL_PROPERTY = "opentalks.media.base-url";
    static final String DEFAULT_BASE_URL = "http://localhost:8080";
    static final String OWNERS_PREFIX = "opentalks.api.owners.";
    /** The properties of one account, as {@code ApiConfig.Owner} names them. */
    static final List<String> OWNER_FIELDS = List.of("keys", "credits", "rate-limit", "features");

    private static final Pattern KEY_HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern OWNER_VARIABLE = Pattern.compile(
            envName(OWNERS_PREFIX) + "(.+)_(" + String.join("|", OWNER_FIELDS.stream()
                    .map(ProductionSecrets::envName).toList()) + ")");

    private ProductionSecrets() {
    }

    /**
     * Whether these active profiles run in production: anything but {@code dev} and {@code test}
     * ({@code prod}, the packaged jar's default, and any profile of an operator's own).
     */
    public static boolean isProduction(Collection<String> activeProfiles) {
        return !activeProfiles.contains("dev") && !activeProfiles.contains("test");
    }

    /** The environment variable SmallRye Config reads for {@code property}: upper case, non-alphanumerics to {@code _}. */
    public static String envName(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            name.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    /** Problems with the key that signs media links (of a service that signs them). */
    public static List<String> signingKeyProblems(String signingKey) {
        String variable = envName(SIGNING_KEY_PROPERTY);
        String fix = "set " + variable + " to a random secret of at least " + MIN_SIGNING_KEY_LENGTH
                + " characters (openssl rand -hex 32), the same on every service that signs media links";
        if (signingKey == null || signingKey.isBlank()) {
            return List.of(SIGNING_KEY_PROPERTY + " is empty: " + fix);
        }
        if (signingKey.trim().equals(DEVELOPMENT_SIGNING_KEY)) {
            return List.of(SIGNING_KEY_PROPERTY + " is the public development key: " + fix);
        }
        if (signingKey.trim().length() < MIN_SIGNING_KEY_LENGTH) {
            return List.of(SIGNING_KEY_PROPERTY + " is only " + signingKey.trim().length()
                    + " characters long (a placeholder?): " + fix);
        }
        return List.of();
    }

    /** Problems with the secret that seals clients' provider keys (in a service that seals or opens them). */
    public static List<String> clientKeySecretProblems(String secret) {
        String property = "opentalks.client-keys.secret";
        String fix = "set " + envName(property) + " to a random secret of at least " + MIN_SIGNING_KEY_LENGTH
                + " characters (openssl rand -hex 32), the same on the api-gateway and the tts-service";
        if (secret == null || secret.isBlank()) {
            return List.of(property + " is empty: " + fix);
        }
        if (secret.trim().equals(ClientKeysConfig.DEVELOPMENT_SECRET)) {
            return List.of(property + " is the public development secret: " + fix);
        }
        if (secret.trim().length() < MIN_SIGNING_KEY_LENGTH) {
            return List.of(property + " is only " + secret.trim().length() + " characters long (a placeholder?): "
                    + fix);
        }
        return List.of();
    }

    /** A warning (not a refusal) when media links would point at the development default, localhost. */
    public static List<String> baseUrlWarnings(String baseUrl) {
        if (baseUrl == null || baseUrl.replaceAll("/+$", "").equals(DEFAULT_BASE_URL)) {
            return List.of(BASE_URL_PROPERTY + " is " + DEFAULT_BASE_URL + ", so media links point at localhost: set "
                    + envName(BASE_URL_PROPERTY) + " to the gateway's public URL (https://api.example.com)");
        }
        return List.of();
    }

    /**
     * Problems with the gateway's accounts: none at all (nobody could call the API), the development
     * key, or a key that is not a {@code sha256:} hash (a template's placeholder).
     *
     * @param keysByOwner each owner's configured {@code opentalks.api.owners.<owner>.keys}
     */
    public static List<String> ownerProblems(Map<String, List<String>> keysByOwner) {
        List<String> problems = new ArrayList<>();
        if (keysByOwner.isEmpty()) {
            problems.add("no account is configured, so every API call would be refused: set "
                    + envName(OWNERS_PREFIX) + "<OWNER>_KEYS=sha256:<hex of owner:secret> (printf %s 'owner:secret'"
                    + " | sha256sum), <OWNER> being the account's name in letters and digits");
        }
        String developmentHash = "sha256:" + Sha256.hex(DEVELOPMENT_OWNER_KEY);
        new TreeMap<>(keysByOwner).forEach((owner, keys) -> {
            String property = ownerProperty(owner, "keys");
            String variable = envName(property);
            for (String key : keys) {
                String hash = key.trim().toLowerCase(Locale.ROOT);
                if (hash.equals(developmentHash)) {
                    problems.add(property + " holds the development key " + DEVELOPMENT_OWNER_KEY + ": set " + variable
                            + " to the hash of a key of your own (printf %s '" + owner + ":<secret>' | sha256sum),"
                            + " or remove that account");
                } else if (!KEY_HASH.matcher(hash).matches()) {
                    // The value is not repeated: it may be a key pasted in unhashed.
                    problems.add(property + " holds a value that is not sha256:<64 hex digits> (a placeholder, or a"
                            + " key instead of its hash?): set " + variable + "=sha256:<hex> (printf %s '" + owner
                            + ":<secret>' | sha256sum)");
                }
            }
        });
        return problems;
    }

    /**
     * Environment variables that look like account settings but configure no account, because the
     * owner part cannot be read back unambiguously (SmallRye Config ignores such a variable: an
     * {@code _} in it could be {@code .}, {@code -} or {@code _}).
     *
     * @param variableNames the process's environment variable names
     * @param owners        the owners the configuration really holds
     */
    public static List<String> unmappedOwnerVariables(Set<String> variableNames, Set<String> owners) {
        Set<String> known = new TreeSet<>();
        for (String owner : owners) {
            for (String field : OWNER_FIELDS) {
                known.add(envName(ownerProperty(owner, field)));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String variable : new TreeSet<>(variableNames)) {
            Matcher matcher = OWNER_VARIABLE.matcher(variable);
            if (matcher.matches() && !known.contains(variable)) {
                problems.add(variable + " configures no account: SmallRye Config reads " + envName(OWNERS_PREFIX)
                        + "<OWNER>_KEYS only where <OWNER> is letters and digits (" + envName(OWNERS_PREFIX)
                        + matcher.group(1).replace("_", "") + "_" + matcher.group(2) + " is the account '"
                        + matcher.group(1).replace("_", "").toLowerCase(Locale.ROOT) + "')");
            }
        }
        return problems;
    }

    /** The one message a refusing service fails with. */
    public static String refusal(String service, Collection<String> activeProfiles, List<String> problems) {
        StringBuilder message = new StringBuilder(service)
                .append(" refuses to start: its configuration is not fit for production (active profile ")
                .append(String.join(",", activeProfiles))
                .append("; only the dev and test profiles allow development secrets):");
        for (String problem : problems) {
            message.append("\n  - ").append(problem);
        }
        return message.toString();
    }

    private static String ownerProperty(String owner, String field) {
        String segment = owner.contains(".") ? "\"" + owner + "\"" : owner;
        return OWNERS_PREFIX + segment + "." + field;
    }
}
