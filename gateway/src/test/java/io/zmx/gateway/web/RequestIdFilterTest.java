package io.zmx.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written request-id check says exactly what the pattern it replaced said. */
class RequestIdFilterTest {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Test
    void agreesWithThePattern() {
        List<String> ids = List.of("", "a", "req-1", "0b4c1f9e-4a8e-4f7e-9a51-3f0e6d2c1a01", "a b", "a/b", "ü", "x".repeat(128),
                "x".repeat(129), "trace:1.2_3", "\n", "A-Z_a-z.0-9:", "<script>", "%20");
        for (String id : ids) {
            assertEquals(SANE.matcher(id).matches(), RequestIdFilter.isSane(id), id);
        }
        for (char c = 0; c < 256; c++) {
            String id = "id" + c;
            assertEquals(SANE.matcher(id).matches(), RequestIdFilter.isSane(id), "char " + (int) c);
        }
    }

    @Test
    void newIdsAreVersion4UuidsTheFilterWouldAcceptAndDoNotRepeat() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = RequestIdFilter.newId();
            java.util.UUID uuid = java.util.UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(true, RequestIdFilter.isSane(id), id);
            assertEquals(true, seen.add(id), "repeated: " + id);
        }
    }
}
