package io.zmx.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files keep their promises without a browser: no inline code the policy would have to allow,
 * tokens never written to storage, every string in all three languages, and the role table the UI hides
 * buttons by equal to the partner contract's security scopes (so it never shows a button the API refuses).
 */
class ConsoleFilesTest {

    static final Path ROOT = Path.of("src/main/resources/META-INF/resources/console");
    static final Path CONTRACT = Path.of("src/main/openapi/openapi.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void htmlHasNoInlineScriptStyleOrHandler() throws IOException {
        for (Path p : files(".html")) {
            String html = Files.readString(p);
            Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
            while (scripts.find()) {
                assertTrue(scripts.group(1).contains("src="), p + ": inline script");
                assertTrue(scripts.group(2).isBlank(), p + ": inline script body");
            }
            assertTrue(!html.contains("<style") && !Pattern.compile("\\sstyle=").matcher(html).find(), p + ": inline style");
            assertTrue(!Pattern.compile("\\son[a-z]+=").matcher(html).find(), p + ": inline event handler");
        }
    }

    @Test
    void scriptsNeitherEvalNorWriteMarkupNorKeepTokens() throws IOException {
        for (Path p : files(".js")) {
            String js = Files.readString(p);
            for (String banned : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                    ".style.", "setAttribute('style'", "document.cookie")) {
                assertTrue(!js.contains(banned), p + " uses " + banned);
            }
            // the language choice is the one thing in localStorage; sessionStorage holds only the one-time PKCE verifier
            Matcher local = Pattern.compile("localStorage\\.(\\w+)\\(([^)]*)\\)").matcher(js);
            while (local.find()) {
                assertTrue(local.group(2).startsWith("KEY"), p + ": localStorage." + local.group(1) + "(" + local.group(2) + ")");
            }
            Matcher session = Pattern.compile("sessionStorage\\.(\\w+)\\(([^,)]*)").matcher(js);
            while (session.find()) {
                assertEquals("PENDING", session.group(2), p + ": sessionStorage." + session.group(1));
            }
        }
        String auth = Files.readString(ROOT.resolve("js/auth.js"));
        assertTrue(auth.contains("const KEY") || auth.contains("const PENDING = 'zmx.pkce'"), "auth.js keeps tokens in memory");
        assertTrue(Files.readString(ROOT.resolve("js/i18n.js")).contains("const KEY = 'zmx.lang'"));
    }

    @Test
    void everyStringExistsInEnglishRussianAndChinese() throws IOException {
        Set<String> en = keys("en");
        assertEquals(en, keys("ru"), "ru bundle keys");
        assertEquals(en, keys("zh"), "zh bundle keys");
        Set<String> used = new TreeSet<>();
        for (Path p : files(".js")) {
            Matcher m = Pattern.compile("\\bt\\('([a-zA-Z][\\w.-]*)'").matcher(Files.readString(p));
            while (m.find()) {
                if (!m.group(1).endsWith(".")) {
                    used.add(m.group(1));
                }
            }
        }
        for (Path p : files(".html")) {
            Matcher m = Pattern.compile("data-i18n=\"([^\"]+)\"").matcher(Files.readString(p));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        used.removeAll(en);
        assertTrue(used.isEmpty(), "strings missing from the bundles: " + used);
        for (String prefix : List.of("status.", "lane.", "severity.", "role.", "action.")) {
            assertTrue(en.stream().anyMatch(k -> k.startsWith(prefix)), prefix);
        }
    }

    private static Set<String> keys(String lang) throws IOException {
        Set<String> keys = new TreeSet<>();
        JSON.readTree(ROOT.resolve("i18n/" + lang + ".json").toFile()).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /**
     * permissions.json is the contract's role table for the console; after a contract change, regenerate it with
     * {@code ./mvnw -pl gateway test -Dtest=ConsoleFilesTest -Dzmx.console.update=true}.
     */
    @Test
    void roleTableEqualsThePartnerContract() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(CONTRACT.toFile());
        TreeMap<String, List<String>> expected = new TreeMap<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                return;
            }
            Set<String> roles = new TreeSet<>();
            op.getValue().path("security").forEach(s -> s.fields().forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText()))));
            expected.put(op.getKey().toUpperCase() + " " + path.getKey().substring("/api/v1".length()), new ArrayList<>(roles));
        }));
        Path file = ROOT.resolve("permissions.json");
        if (Boolean.getBoolean("zmx.console.update")) {
            StringBuilder sb = new StringBuilder("{\n");
            int i = 0;
            for (var e : expected.entrySet()) {
                sb.append(JSON.writeValueAsString(e.getKey())).append(": ").append(JSON.writeValueAsString(e.getValue()).replace("\",\"", "\", \""))
                        .append(++i < expected.size() ? ",\n" : "\n");
            }
            Files.writeString(file, sb.append("}\n"));
        }
        ObjectNode actual = (ObjectNode) JSON.readTree(file.toFile());
        TreeMap<String, List<String>> committed = new TreeMap<>();
        actual.fields().forEachRemaining(e -> {
            List<String> roles = new ArrayList<>();
            e.getValue().forEach(r -> roles.add(r.asText()));
            committed.put(e.getKey(), roles);
        });
        assertEquals(expected, committed, "console/permissions.json differs from the partner contract's security scopes;"
                + " regenerate: ./mvnw -pl gateway test -Dtest=ConsoleFilesTest -Dzmx.console.update=true");
    }
}
