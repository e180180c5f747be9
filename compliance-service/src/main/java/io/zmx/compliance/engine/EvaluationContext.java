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
import java.text.Normalizer;
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
            f("destination", STRING, "country it names (alpha-2)"),
            f("vin", STRING, "deprecated: the first of vins (kept for rule-set versions written before vins)"),
            f("vins", ListType.create(STRING), "every VIN the confirmation covers"),
            f("issuedOn", TIMESTAMP, "issue date"), f("serviceOutlets", ListType.create(STRING), "overseas service outlets named"));

    public static final StructType LICENCE_APPLICATION = declare(STRUCTS, "zmx.LicenceApplication",
            "The export-licence application's declared data (must match the registration record)",
            f("brand", STRING, "brand declared"), f("model", STRING, "model declared"),
            f("firstRegistrationDate", TIMESTAMP, "first-registration date declared"),
            f("transferForExportDate", TIMESTAMP, "transfer-for-export registration date declared"));

    public static final StructType SASO_CERTIFICATE = declare(STRUCTS, "zmx.SasoCertificate",
            "Saudi SASO (energy-efficiency / conformity) certificate", f("number", STRING, "certificate number"),
            f("issuedOn", TIMESTAMP, "issue date"));

    public static final StructType EXPORT_LICENCE = declare(STRUCTS, "zmx.ExportLicence", "China's export licence for the vehicle",
            f("number", STRING, "licence number"), f("issuedOn", TIMESTAMP, "issue date"),
            f("validUntil", TIMESTAMP, "last valid date"), f("holderCreditCode", STRING, "licensed exporter"));

    public static final StructType CONFORMITY_CERTIFICATE = declare(STRUCTS, "zmx.ConformityCertificate",
            "Destination conformity certificate", f("number", STRING, "certificate number"),
            f("holder", STRING, "person or company it is issued to"), f("issuedOn", TIMESTAMP, "issue date"));

    public static final StructType VEHICLE = declare(STRUCTS, "zmx.Vehicle", "The registry's snapshot of the vehicle",
            f("vin", STRING, "17-character VIN"),
            f("known", BOOL, "false when the registry does not know the VIN (then only vin is set; rules reading vehicle are not evaluable)"),
            f("manufacturer", STRING, "manufacturer (its name in MIIT's announcement for Chinese makers)"), f("make", STRING, "make"),
            f("model", STRING, "model"), f("modelYear", INT, "model year"),
            f("fuelType", STRING, "PETROL, DIESEL, HEV, PHEV, EREV, BEV, FCEV, CNG or LPG"),
            f("engineCc", INT, "engine displacement, cc"), f("powerKw", DOUBLE, "power, kW (1 hp = 0.7355 kW)"),
            f("driveSide", STRING, "LHD or RHD"), f("emissionStandard", STRING, "e.g. CN6b, EURO5; see euroClass()"),
            f("productionDate", TIMESTAMP, "production date"), f("plantCountry", STRING, "country of the plant"),
            f("firstRegistrationDate", TIMESTAMP, "first registration in the origin"),
            f("transferForExportDate", TIMESTAMP, "latest transfer-for-export registration, absent when none"),
            f("deregistered", BOOL, "domestic registration cancelled"), f("status", STRING, "ACTIVE, REGISTERED or DEREGISTERED"),
            f("registrations", ListType.create(REGISTRATION), "registrations, in time order"),
            f("odometerReadings", ListType.create(ODOMETER_READING), "odometer readings, in time order"),
            f("titleBrands", ListType.create(STRING), "title brands: SALVAGE, FLOOD, FIRE, REBUILT"));

    public static final StructType FILING = declare(STRUCTS, "zmx.Filing", "The export filing",
            f("destination", STRING, "destination country"), f("declaredStatus", STRING, "USED or NEW"),
            f("declaredOdometerKm", INT, "declared odometer, km"), f("declaredValue", MONEY, "declared value"),
            f("hsCode", STRING, "customs code, e.g. 8703801090"), f("consignee", STRING, "consignee name"),
            f("consigneeOfficialRepresentative", BOOL,
                    "consignee is on compliance-service's official-representative list for the destination and vehicle.make "
                            + "on asOf (computed here; a caller's value is ignored)"),
            f("consigneeType", STRING, "PERSON, COMPANY or OFFICIAL_REPRESENTATIVE as declared ('' when not given)"),
            f("consigneeRegistrationNumber", STRING, "consignee's registration number in the destination ('' when not given)"),
            f("afterSalesConfirmation", AFTER_SALES, "after-sales confirmation, when attached"),
            f("exportLicence", EXPORT_LICENCE, "export licence, when attached"),
            f("conformityCertificate", CONFORMITY_CERTIFICATE, "destination conformity certificate, when attached"),
            f("licenceApplication", LICENCE_APPLICATION, "export-licence application data, when given"),
            f("sasoCertificate", SASO_CERTIFICATE, "Saudi SASO certificate, when attached"),
            f("exporterNegativeListMeasure", STRING, "'' or HOLD or REFUSE: the exporter's entry on customs' negative list"),
            f("applicationDate", TIMESTAMP, "export-licence application date (the day the filing was submitted)"),
            f("exportDate", TIMESTAMP, "the export date screened against (= asOf)"),
            f("exporterCreditCode", STRING, "exporter's unified social credit code"),
            f("plannedExportDate", TIMESTAMP, "planned export date"), f("portOfExit", STRING, "port of exit"));

    public static final StructType ASSESSMENT = declare(STRUCTS, "zmx.Assessment", "export-service's zero-mileage assessment",
            f("zeroMileage", BOOL, "assessed as a zero-mileage car (by mileage alone)"), f("odometerKm", INT, "odometer the assessment used"),
            f("daysRegisteredBeforeExport", INT, "days from first registration to export (kept for old versions)"),
            f("daysSinceFirstRegistration", INT, "days from first registration to filing.applicationDate (registration day = day 0)"),
            f("waitingOutRule", BOOL, "exported just after day 180 (export-service's configured window): waiting out the 180-day rule"),
            f("verdict", STRING, "ZERO_MILEAGE, USED, NEW or UNKNOWN"));

    /** The variables every expression sees. */
    public static final List<Field> VARIABLES = List.of(
            f("vehicle", VEHICLE, "the registry's vehicle snapshot"),
            f("filing", FILING, "the export filing"),
            f("assessment", ASSESSMENT, "the zero-mileage assessment"),
            f("asOf", TIMESTAMP, "the evaluation date at 00:00Z"));

    public static final List<Function> FUNCTIONS = List.of(
            new Function("daysBetween(timestamp from, timestamp to) -> int",
                    "whole days from 'from' to 'to' (negative when 'to' is earlier); the 'from' day is day 0"),
            new Function("yearsBetween(timestamp from, timestamp to) -> int", "full calendar years from 'from' to 'to'"),
            new Function("olderThanYears(zmx.Vehicle vehicle, int n, timestamp at) -> bool",
                    "'older than n years': at > production date + n years (exact dates; see the README on vehicle age). "
                            + "With only a model year it is decided when every plausible production date agrees, else an error (HOLD)"),
            new Function("notOlderThanYears(zmx.Vehicle vehicle, int n, timestamp at) -> bool",
                    "'up to / not more than n years old': at <= production date + n years; the negation of olderThanYears"),
            new Function("modelYearOf(zmx.Vehicle vehicle, timestamp at) -> int",
                    "the model year, never later than production year + 1 (clamped); without a production date a model year "
                            + "later than at's year + 1 is not trusted: an error (HOLD), as is a missing model year"),
            new Function("ageYears(zmx.Vehicle vehicle, timestamp at) -> int",
                    "deprecated (floored whole years; kept for old versions): full years since productionDate, else since "
                            + "1 January of modelYear; an error when neither is known"),
            new Function("date(string isoDate) -> timestamp", "'2026-01-01' as a timestamp at 00:00Z"),
            new Function("euroClass(string emissionStandard) -> int",
                    "emission class: Euro 5 / EURO5 / Euro V -> 5; Euro 6d / Euro VI (2019) -> 6; China 6b / CN6b / 国六 / 国VI / GUO6 "
                            + "-> 6 and China 5 / 国五 -> 5 (China N ~ Euro N, see the README's table); 0 when unreadable"),
            new Function("sameText(string a, string b) -> bool",
                    "equal ignoring case, surrounding and repeated whitespace and full-width forms (Unicode NFKC)"));

    static final List<CelFunctionDecl> FUNCTION_DECLS = List.of(
            CelFunctionDecl.newFunctionDeclaration("daysBetween",
                    CelOverloadDecl.newGlobalOverload("daysBetween_timestamp_timestamp", INT, TIMESTAMP, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("yearsBetween",
                    CelOverloadDecl.newGlobalOverload("yearsBetween_timestamp_timestamp", INT, TIMESTAMP, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("olderThanYears",
                    CelOverloadDecl.newGlobalOverload("olderThanYears_vehicle_int_timestamp", BOOL, VEHICLE, INT, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("notOlderThanYears",
                    CelOverloadDecl.newGlobalOverload("notOlderThanYears_vehicle_int_timestamp", BOOL, VEHICLE, INT, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("modelYearOf",
                    CelOverloadDecl.newGlobalOverload("modelYearOf_vehicle_timestamp", INT, VEHICLE, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("ageYears",
                    CelOverloadDecl.newGlobalOverload("ageYears_vehicle_timestamp", INT, VEHICLE, TIMESTAMP)),
            CelFunctionDecl.newFunctionDeclaration("date",
                    CelOverloadDecl.newGlobalOverload("date_string", TIMESTAMP, STRING)),
            CelFunctionDecl.newFunctionDeclaration("euroClass",
                    CelOverloadDecl.newGlobalOverload("euroClass_string", INT, STRING)),
            CelFunctionDecl.newFunctionDeclaration("sameText",
                    CelOverloadDecl.newGlobalOverload("sameText_string_string", BOOL, STRING, STRING)));

    @SuppressWarnings("rawtypes")
    static final List<CelFunctionBinding> FUNCTION_BINDINGS = List.of(
            CelFunctionBinding.from("daysBetween_timestamp_timestamp", Instant.class, Instant.class, EvaluationContext::daysBetween),
            CelFunctionBinding.from("yearsBetween_timestamp_timestamp", Instant.class, Instant.class, EvaluationContext::yearsBetween),
            CelFunctionBinding.from("olderThanYears_vehicle_int_timestamp", List.of(Map.class, Long.class, Instant.class),
                    args -> olderThanYears((Map<?, ?>) args[0], (Long) args[1], (Instant) args[2])),
            CelFunctionBinding.from("notOlderThanYears_vehicle_int_timestamp", List.of(Map.class, Long.class, Instant.class),
                    args -> !olderThanYears((Map<?, ?>) args[0], (Long) args[1], (Instant) args[2])),
            CelFunctionBinding.from("modelYearOf_vehicle_timestamp", Map.class, Instant.class, EvaluationContext::modelYearOf),
            CelFunctionBinding.from("ageYears_vehicle_timestamp", Map.class, Instant.class, EvaluationContext::ageYears),
            CelFunctionBinding.from("date_string", String.class, EvaluationContext::date),
            CelFunctionBinding.from("euroClass_string", String.class, s -> (long) EmissionClass.euroClass(s)),
            CelFunctionBinding.from("sameText_string_string", String.class, String.class, EvaluationContext::sameText));

    static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(10_000)
            .enableCompileTimeOverloadResolution(true)
            .build();

    static final CelTypeProvider TYPES = new CelTypeProvider() {
        private final ImmutableList<CelType> all = ImmutableList.of(REGISTRATION, ODOMETER_READING, MONEY, AFTER_SALES,
                EXPORT_LICENCE, CONFORMITY_CERTIFICATE, LICENCE_APPLICATION, SASO_CERTIFICATE, VEHICLE, FILING, ASSESSMENT);

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

    /** Full years since production; falls back to 1 January of the model year. Deprecated: floors, use olderThanYears. */
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

    /** 'Older than n years' for the vehicle on {@code at}; see {@link VehicleAge}. */
    public static boolean olderThanYears(Map<?, ?> vehicle, long n, Instant at) {
        return VehicleAge.of(productionDate(vehicle), modelYear(vehicle), day(at)).olderThanYears((int) n);
    }

    /** The model year as compliance trusts it; see {@link VehicleAge#trustedModelYear}. */
    public static long modelYearOf(Map<?, ?> vehicle, Instant at) {
        return VehicleAge.trustedModelYear(productionDate(vehicle), modelYear(vehicle), day(at));
    }

    public static Instant date(String iso) {
        return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** EURO5 / Euro VI / China 6b / 国六 ... -> the Euro class; 0 when unreadable. See {@link EmissionClass}. */
    public static int euroClass(String standard) {
        return EmissionClass.euroClass(standard);
    }

    /** Equal ignoring case, full-width forms (NFKC) and whitespace runs; how declared names are matched with records. */
    public static boolean sameText(String a, String b) {
        return normalizedText(a).equals(normalizedText(b));
    }

    public static String normalizedText(String s) {
        if (s == null) {
            return "";
        }
        return Normalizer.normalize(s, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static LocalDate productionDate(Map<?, ?> vehicle) {
        return vehicle.get("productionDate") instanceof Instant p ? day(p) : null;
    }

    private static Integer modelYear(Map<?, ?> vehicle) {
        return vehicle.get("modelYear") instanceof Long y ? y.intValue() : null;
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
}
