package org.opentalks.notifier.service;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.opentalks.contract.json.Json;

/**
 * The signature checks the README's "Webhooks" section gives receivers, run exactly as written there:
 * the Python one with {@code python3}, the JavaScript one with {@code node}, the Java one compiled here.
 * Each gets a list of {@link SignedMessage}s and answers, per message, whether it verified.
 */
final class DocumentedRecipes {
    enum Language { PYTHON, JAVASCRIPT, JAVA }

    private static final Path README = Path.of(System.getProperty("user.dir")).resolve("../README.md").normalize();

    private DocumentedRecipes() {
    }

    static List<Boolean> verify(Language language, List<SignedMessage> messages) throws Exception {
        String recipe = recipe(language);
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "recipe-");
        Path cases = dir.resolve("cases.json");
        Files.write(cases, Json.write(messages));
        return switch (language) {
            case PYTHON -> run(dir, "recipe.py", recipe + """

                    import json, sys
                    cases = json.load(open(sys.argv[1]))
                    print(json.dumps([verify(c["secret"], c["headers"], base64.b64decode(c["body_base64"]))
                                      for c in cases]))
                    """, "python3", cases);
            case JAVASCRIPT -> run(dir, "recipe.js", recipe + """

                    const cases = JSON.parse(require("fs").readFileSync(process.argv[2]));
                    console.log(JSON.stringify(cases.map(c =>
                      verify(c.secret, c.headers, Buffer.from(c.body_base64, "base64")))));
                    """, "node", cases);
            case JAVA -> java(dir, recipe, messages);
        };
    }

    /** The fenced block of that language in the README's Webhooks section. */
    static String recipe(Language language) throws IOException {
        String readme = Files.readString(README);
        int from = readme.indexOf("\n### Webhooks\n");
        int to = readme.indexOf("\n## ", from);
        String section = readme.substring(from, to < 0 ? readme.length() : to);
        Matcher block = Pattern.compile("```" + language.name().toLowerCase() + "\n(.*?)```", Pattern.DOTALL)
                .matcher(section);
        if (!block.find()) {
            throw new AssertionError("the README's Webhooks section has no " + language + " recipe");
        }
        return block.group(1);
    }

    private static List<Boolean> run(Path dir, String file, String program, String interpreter, Path cases)
            throws IOException, InterruptedException {
        Path script = dir.resolve(file);
        Files.writeString(script, program);
        Process process = new ProcessBuilder(interpreter, script.toString(), cases.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(interpreter + " " + file + " failed: " + output);
        }
        return Json.mapper().readValue(output, new TypeReference<List<Boolean>>() { });
    }

    private static List<Boolean> java(Path dir, String recipe, List<SignedMessage> messages) throws Exception {
        Path source = dir.resolve("Recipe.java");
        Files.writeString(source, """
                import java.nio.charset.StandardCharsets;
                import java.security.MessageDigest;
                import java.time.Instant;
                import java.util.Base64;
                import java.util.Map;
                import javax.crypto.Mac;
                import javax.crypto.spec.SecretKeySpec;

                public class Recipe {
                """ + recipe + "}\n");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, "-d", dir.toString(), source.toString()) != 0) {
            throw new AssertionError("the README's Java recipe does not compile");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()})) {
            Method verify = loader.loadClass("Recipe").getDeclaredMethod("verify", String.class, java.util.Map.class,
                    byte[].class);
            verify.setAccessible(true);
            List<Boolean> out = new ArrayList<>();
            for (SignedMessage m : messages) {
                out.add((Boolean) verify.invoke(null, m.secret(), m.headers(), Base64.getDecoder().decode(m.bodyBase64())));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
