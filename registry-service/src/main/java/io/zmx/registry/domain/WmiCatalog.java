package io.zmx.registry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
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
        return regionCountry(vin.value().charAt(0), vin.value().charAt(1));
    }

    /**
     * The ISO 3780 / SAE country allocation by the first two VIN characters. Second characters run in the order
     * A-Z (without I, O, Q) then 1-9 and 0, so "TW-T1" means TW, TX, TY, TZ, T1. Sources, compared row by row:
     * the SAE-maintained table as reproduced by ClearVIN, "What country code is hidden in your car's VIN?" (2019,
     * https://www.clearvin.com/blog/2019/11/what-country-code-is-hidden-in-your-cars-vin/) and Wikibooks,
     * "Vehicle Identification Numbers (VIN codes)/World Manufacturer Identifier (WMI)"; H for China from ISO 3780
     * as summarised in ../shared/domain/FACTS.md; 7F-70 for the United States (7A-7E stay New Zealand) from the
     * WMIs in use (Tesla Austin 7SA, Rivian 7FC, Polestar Charleston 7SY). Unallocated ranges answer empty.
     */
    static final List<Region> REGIONS = List.of(
            // Africa
            new Region('A', 'A', 'H', "ZA"), new Region('A', 'J', 'N', "CI"),
            new Region('B', 'A', 'E', "AO"), new Region('B', 'F', 'K', "KE"), new Region('B', 'L', 'R', "TZ"),
            new Region('C', 'A', 'E', "BJ"), new Region('C', 'F', 'K', "MG"), new Region('C', 'L', 'R', "TN"),
            new Region('D', 'A', 'E', "EG"), new Region('D', 'F', 'K', "MA"), new Region('D', 'L', 'R', "ZM"),
            new Region('E', 'A', 'E', "ET"), new Region('E', 'F', 'K', "MZ"),
            new Region('F', 'A', 'E', "GH"), new Region('F', 'F', 'K', "NG"),
            // Asia
            new Region('H', 'A', '0', "CN"),
            new Region('J', 'A', '0', "JP"),
            new Region('K', 'A', 'E', "LK"), new Region('K', 'F', 'K', "IL"), new Region('K', 'L', 'R', "KR"),
            new Region('K', 'S', '0', "KZ"),
            new Region('L', 'A', '0', "CN"),
            new Region('M', 'A', 'E', "IN"), new Region('M', 'F', 'K', "ID"), new Region('M', 'L', 'R', "TH"),
            new Region('M', 'S', '0', "MM"),
            new Region('N', 'A', 'E', "IR"), new Region('N', 'F', 'K', "PK"), new Region('N', 'L', 'R', "TR"),
            new Region('P', 'A', 'E', "PH"), new Region('P', 'F', 'K', "SG"), new Region('P', 'L', 'R', "MY"),
            new Region('R', 'A', 'E', "AE"), new Region('R', 'F', 'K', "TW"), new Region('R', 'L', 'R', "VN"),
            new Region('R', 'S', '0', "SA"),
            // Europe
            new Region('S', 'A', 'M', "GB"), new Region('S', 'N', 'T', "DE"), new Region('S', 'U', 'Z', "PL"),
            new Region('T', 'A', 'H', "CH"), new Region('T', 'J', 'P', "CZ"), new Region('T', 'R', 'V', "HU"),
            new Region('T', 'W', '1', "PT"),
            new Region('U', 'N', 'T', "IE"), new Region('U', 'U', 'Z', "RO"),
            new Region('V', 'A', 'E', "AT"), new Region('V', 'F', 'R', "FR"), new Region('V', 'S', 'W', "ES"),
            new Region('V', '3', '5', "HR"), new Region('V', '6', '0', "EE"),
            new Region('W', 'A', '0', "DE"),
            new Region('X', 'A', 'E', "BG"), new Region('X', 'F', 'K', "GR"), new Region('X', 'L', 'R', "NL"),
            new Region('X', 'S', 'W', "RU"), new Region('X', 'X', '2', "LU"), new Region('X', '3', '0', "RU"),
            new Region('Y', 'A', 'E', "BE"), new Region('Y', 'F', 'K', "FI"), new Region('Y', 'S', 'W', "SE"),
            new Region('Y', 'X', '2', "NO"), new Region('Y', '3', '5', "BY"),
            new Region('Z', 'A', 'R', "IT"), new Region('Z', 'X', '2', "SI"), new Region('Z', '3', '5', "LT"),
            // North America
            new Region('1', 'A', '0', "US"), new Region('4', 'A', '0', "US"), new Region('5', 'A', '0', "US"),
            new Region('2', 'A', '0', "CA"),
            new Region('3', 'A', 'W', "MX"), new Region('3', 'X', '7', "CR"), new Region('3', '8', '9', "KY"),
            // Oceania
            new Region('6', 'A', 'W', "AU"), new Region('7', 'A', 'E', "NZ"), new Region('7', 'F', '0', "US"),
            // South America
            new Region('8', 'A', 'E', "AR"), new Region('8', 'F', 'K', "CL"), new Region('8', 'L', 'R', "EC"),
            new Region('8', 'S', 'W', "PE"), new Region('8', 'X', '2', "VE"),
            new Region('9', 'A', 'E', "BR"), new Region('9', 'F', 'K', "CO"), new Region('9', 'L', 'R', "PY"),
            new Region('9', 'S', 'W', "UY"), new Region('9', 'X', '2', "TT"), new Region('9', '3', '9', "BR"));

    /** Second-character order of ISO 3780 ranges. */
    static final String SECOND = "ABCDEFGHJKLMNPRSTUVWXYZ1234567890";

    /** Region code {@code first}, second character from {@code from} to {@code to} (inclusive, in ISO 3780 order). */
    record Region(char first, char from, char to, String country) {
        boolean contains(char a, char b) {
            int i = SECOND.indexOf(b);
            return a == first && i >= 0 && i >= SECOND.indexOf(from) && i <= SECOND.indexOf(to);
        }
    }

    public static Optional<String> regionCountry(char first, char second) {
        char a = Character.toUpperCase(first);
        char b = Character.toUpperCase(second);
        for (Region r : REGIONS) {
            if (r.contains(a, b)) {
                return Optional.of(r.country());
            }
        }
        return Optional.empty();
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
