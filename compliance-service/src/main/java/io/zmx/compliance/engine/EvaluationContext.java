package io.zmx.compliance.engine;

import static dev.cel.common.types.SimpleType.BOOL;
import static dev.cel.common.types.SimpleType.DOUBLE;
import static dev.cel.common.types.SimpleType.INT;
import static dev.cel.common.types.SimpleType.STRING;
import static dev.cel.common.types.SimpleType.TIMESTAMP;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.StructType;
import dev.cel.runtime.CelFunctionBinding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The declared evaluation context: the CEL variables {@code vehicle}, {@code filing}, {@code assessment}
 * and {@code asOf}, their struct types and the helper functions. Expressions are type-checked against
 * exactly these declarations when a draft is saved, so a misspelt field or a string compared with a
 * number is refused at authoring, not discovered during an evaluation.
 *
 * <p>At run time the structs are plain Java maps built by {@link Activation}; dates are
 * {@link Instant}s at 00:00Z, whole numbers {@code long}s.
 */
public final class EvaluationContext {

    private EvaluationContext() {}

    /** One declared field, with the one-line documentation served by the API. */
    public record Field(String name, CelType type, String doc) {}

    /** One declared struct type. */
    public record Struct(String name, String doc, List<Field> fields) {
        StructType celType() {
            Map<String, CelType> byName = new LinkedHashMap<>();
            fields.forEach(f -> byName.put(f.name(), f.type()));
            return StructType.create(name, ImmutableSet.copyOf(byName.keySet()), f -> Optional.ofNullable(byName.get(f)));
        }
    }

    /** One helper function: its signature as CEL shows it, and what it does. */
    public record Function(String signature, String doc) {}

    private static Field f(String name, CelType type, String doc) {
        return new Field(name, type, doc);
    }

    private static StructType declare(List<Struct> into, String name, String doc, Field... fields) {
        Struct s = new Struct(name, doc, List.of(fields));
        into.add(s);
        return s.celType();
    }

    public static final List<Struct> STRUCTS = new ArrayList<>();

    public static final StructType REGISTRATION = declare(STRUCTS, "zmx.Registration", "A registration in the origin registry",
            f("id", STRING, "registry id"), f("date", TIMESTAMP, "registration date"), f("region", STRING, "ISO 3166-2, e.g. CN-SC"),
            f("city", STRING, "city"), f("plate", STRING, "plate"), f("ownerType", STRING, "PERSON, COMPANY or DEALER"),
            f("ownerId", STRING, "owner id"));

    public static final StructType ODOMETER_READING = declare(STRUCTS, "zmx.OdometerReading", "An odometer reading",
            f("id", STRING, "registry id"), f("date", TIMESTAMP, "date read"), f("km", INT, "kilometres"),
            f("source", STRING, "REGISTRATION, INSPECTION, SERVICE, EXPORT_INSPECTION or OWNER"),
            f("correction", BOOL, "a correction of an earlier reading"), f("reason", STRING, "reason of a correction"),
            f("rollback", BOOL, "lower than an earlier reading (suspected rollback)"));

    public static final StructType MONEY = declare(STRUCTS, "zmx.Money", "An amount of money",
            f("amount", DOUBLE, "amount"), f("currency", STRING, "ISO 4217"));

    public static final StructType AFTER_SALES = declare(STRUCTS, "zmx.AfterSalesConfirmation",
            "Manufacturer-sealed after-sales service confirmation (CN 180-day rule)",
            f("reference", STRING, "confirmation reference"), f("manufacturer", STRING, "manufacturer that sealed it"),
            f("destination", STRING, "country it names (alpha-2)"), f("vin", STRING, "vehicle it names"),
            f("issuedOn", TIMESTAMP, "issue date"), f("serviceOutlets", ListType.create(STRING), "service outlets named"));

    public static final StructType EXPORT_LICENCE = declare(STRUCTS, "zmx.ExportLicence", "China's export licence for the vehicle",
            f("number", STRING, "licence number"), f("issuedOn", TIMESTAMP, "issue date"),
            f("validUntil", TIMESTAMP, "last valid date"), f("holderCreditCode", STRING, "licensed exporter"));

    public static final StructType CONFORMITY_CERTIFICATE = declare(STRUCTS, "zmx.ConformityCertificate",
            "Destination conformity certificate", f("number", STRING, "certificate number"),
            f("holder", STRING, "person or company it is issued to"), f("issuedOn", TIMESTAMP, "issue date"));

    public static final StructType VEHICLE = declare(STRUCTS, "zmx.Vehicle", "The registry's snapshot of the vehicle",
            f("vin", STRING, "17-character VIN"), f("manufacturer", STRING, "manufacturer"), f("make", STRING, "make"),
            f("model", STRING, "model"), f("modelYear", INT, "model year"),
            f("fuelType", STRING, "PETROL, DIESEL, HEV, PHEV, EREV, BEV, FCEV, CNG or LPG"),
            f("engineCc", INT, "engine displacement, cc"), f("powerKw", DOUBLE, "power, kW (1 hp = 0.7355 kW)"),
            f("driveSide", STRING, "LHD or RHD"), f("emissionStandard", STRING, "e.g. CN6b, EURO5; see euroClass()"),
            f("productionDate", TIMESTAMP, "production date"), f("plantCountry", STRING, "country of the plant"),
            f("firstRegistrationDate", TIMESTAMP, "first registration in the origin"),
            f("deregistered", BOOL, "domestic registration cancelled"), f("status", STRING, "ACTIVE, REGISTERED or DEREGISTERED"),
            f("registrations", ListType.create(REGISTRATION), "registrations, in time order"),
            f("odometerReadings", ListType.create(ODOMETER_READING), "odometer readings, in time order"),
            f("titleBrands", ListType.create(STRING), "title brands: SALVAGE, FLOOD, FIRE, REBUILT"));

    public static final StructType FILING = declare(STRUCTS, "zmx.Filing", "The export filing",
            f("destination", STRING, "destination country"), f("declaredStatus", STRING, "USED or NEW"),
            f("declaredOdometerKm", INT, "declared odometer, km"), f("declaredValue", MONEY, "declared value"),
            f("hsCode", STRING, "customs code, e.g. 8703801090"), f("consignee", STRING, "consignee name"),
            f("consigneeOfficialRepresentative", BOOL, "consignee is the manufacturer's official representative"),
            f("consigneeType", STRING, "PERSON or COMPANY ('' when not given)"),
            f("afterSalesConfirmation", AFTER_SALES, "after-sales confirmation, when attached"),
            f("exportLicence", EXPORT_LICENCE, "export licence, when attached"),
            f("conformityCertificate", CONFORMITY_CERTIFICATE, "destination conformity certificate, when attached"),
            f("exporterCreditCode", STRING, "exporter's unified social credit code"),
            f("plannedExportDate", TIMESTAMP, "planned export date"), f("portOfExit", STRING, "port of exit"));

    public static final StructType ASSESSMENT = declare(STRUCTS, "zmx.Assessment", "export-service's zero-mileage assessment",
            f("zeroMileage", BOOL, "assessed as a zero-mileage car"), f("odometerKm", INT, "odometer the assessment used"),
            f("daysRegisteredBeforeExport", INT, "days from first registration to export"),
            f("verdict", STRING, "ZERO_MILEAGE, USED, NEW or UNKNOWN"));

    /** The variables every expression sees. */
    public static final List<Field> VARIABLES = List.of(
            f("vehicle", VEHICLE, "the registry's vehicle snapshot"),
            f("filing", FILING, "the export filing"),
            f("assessment", ASSESSMENT, "the zero-mileage assessment"),
            f("asOf", TIMESTAMP, "the evaluation date at 00:00Z"));

    public static final List<Function> FUNCTIONS = List.of(
            new Function("daysBetween(timestamp from, timestamp to) -> int",
                    "whole days from 'from' to 'to' (negative when 'to' is earlier)"),
            new Function("yearsBetween(timestamp from, timestamp to) -> int", "full calendar years from 'from' to 'to'"),
            new Function("ageYears(zmx.Vehicle vehicle, timestamp at) -> int",
                    "full years since production (productionDate, else 1 January of modelYear); an error when neither is known"),
            new Function("date(string isoDate) -> timestamp", "'2026-01-01' as a timestamp at 00:00Z"),
            new Function("euroClass(string emissionStandard) -> int",
                    "emission class number: EURO5/Euro 5 -> 5, CN6b/China 6 -> 6 (China N ~ Euro N); 0 when unknown"));

    static final List<CelFunctionDecl> FUNCTION_DECLS = List.of(
            CelFunctionDecl.newFunctionDeclaration("daysBetween",
                    CelOverloadDecl.newGlobalOverload("daysBetween_timestamp_timestamp", INT, TIMESTAMP, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("yearsBetween",
                    CelOverloadDecl.newGlobalOverload("yearsBetween_timestamp_timestamp", INT, TIMESTAMP, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("ageYears",
                    CelOverloadDecl.newGlobalOverload("ageYears_vehicle_timestamp", INT, VEHICLE, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("date",
                    CelOverloadDecl.newGlobalOverload("date_string", TIMESTAMP, STRING)),
            CelFunctionDecl.newFunctionDeclaration("euroClass",
                    CelOverloadDecl.newGlobalOverload("euroClass_string", INT, STRING)));

    @SuppressWarnings("rawtypes")
    static final List<CelFunctionBinding> FUNCTION_BINDINGS = List.of(
            CelFunctionBinding.from("daysBetween_timestamp_timestamp", Instant.class, Instant.class, EvaluationContext::daysBetween),
            CelFunctionBinding.from("yearsBetween_timestamp_timestamp", Instant.class, Instant.class, EvaluationContext::yearsBetween),
            CelFunctionBinding.from("ageYears_vehicle_timestamp", Map.class, Instant.class, EvaluationContext::ageYears),
            CelFunctionBinding.from("date_string", String.class, EvaluationContext::date),
            CelFunctionBinding.from("euroClass_string", String.class, s -> (long) euroClass(s)));

    static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(10_000)
            .enableCompileTimeOverloadResolution(true)
            .build();

    static final CelTypeProvider TYPES = new CelTypeProvider() {
        private final ImmutableList<CelType> all = ImmutableList.of(REGISTRATION, ODOMETER_READING, MONEY, AFTER_SALES,
                EXPORT_LICENCE, CONFORMITY_CERTIFICATE, VEHICLE, FILING, ASSESSMENT);

        @Override
        public ImmutableCollection<CelType> types() {
            return all;
        }

        @Override
        public Optional<CelType> findType(String name) {
            return all.stream().filter(t -> t.name().equals(name)).findFirst();
        }
    };

    public static long daysBetween(Instant from, Instant to) {
        return ChronoUnit.DAYS.between(day(from), day(to));
    }

    public static long yearsBetween(Instant from, Instant to) {
        return ChronoUnit.YEARS.between(day(from), day(to));
    }

    /** Full years since production; falls back to 1 January of the model year. */
    public static long ageYears(Map<?, ?> vehicle, Instant at) {
        Object produced = vehicle.get("productionDate");
        if (produced instanceof Instant p) {
            return yearsBetween(p, at);
        }
        Object modelYear = vehicle.get("modelYear");
        if (modelYear instanceof Long y) {
            return ChronoUnit.YEARS.between(LocalDate.of(y.intValue(), 1, 1), day(at));
        }
        throw new IllegalArgumentException("vehicle age unknown: neither productionDate nor modelYear given");
    }

    public static Instant date(String iso) {
        return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static final java.util.regex.Pattern EMISSION = java.util.regex.Pattern.compile("(EURO|CHINA|CN|GUO|EU)[^0-9]*([1-7])");

    /** EURO5 / Euro 5 / EU5 -> 5; CN6b / China 6 / GUO6 -> 6 (China N mirrors Euro N); anything else 0. */
    public static int euroClass(String standard) {
        if (standard == null) {
            return 0;
        }
        Matcher m = EMISSION.matcher(standard.toUpperCase(Locale.ROOT));
        return m.find() ? m.group(2).charAt(0) - '0' : 0;
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
}
