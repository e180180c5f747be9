package io.zmx.registry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who made a vehicle, from its WMI. Makers are a data table ({@code wmi.tsv}); the country of a WMI
 * that is not in the table is still known from the ISO 3780 region code in positions 1-2.
 */
@ApplicationScoped
public class WmiCatalog {

    public record Maker(String wmi, String name, String country, boolean confident) {}

    private final Map<String, Maker> makers;

    public WmiCatalog() {
        this.makers = load("wmi.tsv");
    }

    public Optional<Maker> maker(Vin vin) {
        Maker m = makers.get(vin.manufacturerCode());
        return Optional.ofNullable(m != null ? m : makers.get(vin.wmi()));
    }

    public Map<String, Maker> all() {
        return Map.copyOf(makers);
    }

    /** ISO 3780 country of manufacture from the first two characters, for WMIs not in the table. */
    public static Optional<String> regionCountry(Vin vin) {
        char a = vin.value().charAt(0);
        char b = vin.value().charAt(1);
        return Optional.ofNullable(switch (a) {
            case 'L' -> "CN";
            case 'J' -> "JP";
            case 'K' -> b >= 'L' && b <= 'R' ? "KR" : null;
            case '1', '4', '5', '7' -> "US";
            case '2' -> "CA";
            case '3' -> b >= 'A' && b <= 'W' ? "MX" : null;
            case '9' -> b >= 'A' && b <= 'E' || b >= '3' && b <= '9' ? "BR" : null;
            case 'W' -> "DE";
            case 'X' -> b >= '3' && b <= '9' || b == '0' ? "RU" : null;
            case 'Z' -> b >= 'A' && b <= 'R' ? "IT" : null;
            case 'S' -> b >= 'A' && b <= 'M' ? "GB" : null;
            case 'V' -> b >= 'F' && b <= 'R' ? "FR" : b >= 'S' && b <= 'W' ? "ES" : null;
            case 'Y' -> b >= 'S' && b <= 'W' ? "SE" : null;
            case 'T' -> b >= 'M' && b <= 'V' ? "CZ" : null;
            default -> null;
        });
    }

    private static Map<String, Maker> load(String resource) {
        Map<String, Maker> result = new HashMap<>();
        try (InputStream in = WmiCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                result.put(f[0], new Maker(f[0], f[1], f[2], f.length < 4 || "high".equals(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
