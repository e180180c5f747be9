package io.zmx.registry;

import io.zmx.registry.domain.Vin;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid VINs for tests: a 17-character pattern with the check digit computed into position 9. */
public final class TestVins {

    private TestVins() {}

    /** {@code wmi} (3) + {@code vds} (5) + check digit + year code + plant + serial (6 digits). */
    public static String of(String wmi, String vds, char yearCode, char plant, String serial) {
        String raw = wmi + vds + "0" + yearCode + plant + serial;
        return raw.substring(0, 8) + Vin.checkDigit(raw) + raw.substring(9);
    }

    /** A fresh BYD VIN of model year 2024 ('R'), so tests do not collide on the shared database. */
    public static String freshByd() {
        return of("LGX", "CE4CB", 'R', '0', serial());
    }

    public static String fresh(String wmi, char yearCode) {
        return of(wmi, "AB3CD", yearCode, 'S', serial());
    }

    /**
     * Six digits no other call in this test JVM has had: consecutive from a random start. Drawn at random each time,
     * two of the thousands of VINs the tests create in the shared database collided now and then (a fresh clone's
     * RulesAgreeInSqlTest, 400 vehicles, met a duplicate key).
     */
    public static String serial() {
        return String.format("%06d", Math.floorMod(NEXT.getAndIncrement(), 1_000_000));
    }

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));
}
