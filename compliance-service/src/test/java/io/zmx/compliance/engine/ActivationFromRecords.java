package io.zmx.compliance.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle of {@link ActivationTest}: how a request became the values CEL sees before {@link Activation} read
 * them as JSON tokens (the mapping from the request records, kept as it was). Presence: strings default to "",
 * booleans to false and lists to []; numbers, dates and nested objects are left out when the input has none.
 */
final class ActivationFromRecords {

    private ActivationFromRecords() {}

    public static Map<String, Object> of(EvaluationRequest r) {
        Map<String, Object> vars = new HashMap<>(8);
        vars.put("vehicle", vehicle(r.vehicle()));
        vars.put("filing", filing(r.filing(), r.asOf()));
        vars.put("assessment", assessment(r.assessment()));
        vars.put("asOf", instant(r.asOf()));
        return vars;
    }

    static Map<String, Object> vehicle(EvaluationRequest.Vehicle v) {
        Map<String, Object> m = new HashMap<>(32);
        str(m, "vin", v.vin());
        // absent means known: callers written before the flag existed always sent a known vehicle
        m.put("known", !Boolean.FALSE.equals(v.known()));
        str(m, "manufacturer", v.manufacturer());
        str(m, "make", v.make());
        str(m, "model", v.model());
        num(m, "modelYear", v.modelYear());
        str(m, "fuelType", v.fuelType());
        num(m, "engineCc", v.engineCc());
        if (v.powerKw() != null) m.put("powerKw", v.powerKw());
        str(m, "driveSide", v.driveSide());
        str(m, "emissionStandard", v.emissionStandard());
        date(m, "productionDate", v.productionDate());
        str(m, "plantCountry", v.plantCountry());
        date(m, "firstRegistrationDate", v.firstRegistrationDate());
        date(m, "transferForExportDate", v.transferForExportDate());
        m.put("deregistered", Boolean.TRUE.equals(v.deregistered()));
        str(m, "status", v.status());
        List<Object> regs = new ArrayList<>();
        if (v.registrations() != null) {
            for (EvaluationRequest.Registration g : v.registrations()) {
                Map<String, Object> x = new HashMap<>(12);
                str(x, "id", g.id());
                date(x, "date", g.date());
                str(x, "region", g.region());
                str(x, "city", g.city());
                str(x, "plate", g.plate());
                str(x, "ownerType", g.ownerType());
                str(x, "ownerId", g.ownerId());
                regs.add(x);
            }
        }
        m.put("registrations", regs);
        List<Object> readings = new ArrayList<>();
        if (v.odometerReadings() != null) {
            for (EvaluationRequest.OdometerReading o : v.odometerReadings()) {
                Map<String, Object> x = new HashMap<>(12);
                str(x, "id", o.id());
                date(x, "date", o.date());
                num(x, "km", o.km());
                str(x, "source", o.source());
                x.put("correction", Boolean.TRUE.equals(o.correction()));
                str(x, "reason", o.reason());
                x.put("rollback", Boolean.TRUE.equals(o.rollback()));
                readings.add(x);
            }
        }
        m.put("odometerReadings", readings);
        m.put("titleBrands", v.titleBrands() == null ? List.of() : v.titleBrands());
        return m;
    }

    static Map<String, Object> filing(EvaluationRequest.Filing f, LocalDate asOf) {
        Map<String, Object> m = new HashMap<>(24);
        str(m, "destination", f.destination());
        str(m, "declaredStatus", f.declaredStatus());
        num(m, "declaredOdometerKm", f.declaredOdometerKm());
        if (f.declaredValue() != null) {
            Map<String, Object> money = new HashMap<>(4);
            money.put("amount", f.declaredValue().amount().doubleValue());
            str(money, "currency", f.declaredValue().currency());
            m.put("declaredValue", money);
        }
        str(m, "hsCode", f.hsCode());
        str(m, "consignee", f.consignee());
        m.put("consigneeOfficialRepresentative", Boolean.TRUE.equals(f.consigneeOfficialRepresentative()));
        str(m, "consigneeType", f.consigneeType());
        str(m, "consigneeRegistrationNumber", f.consigneeRegistrationNumber());
        if (f.afterSalesConfirmation() != null) {
            EvaluationRequest.AfterSalesConfirmation a = f.afterSalesConfirmation();
            Map<String, Object> x = new HashMap<>(8);
            str(x, "reference", a.reference());
            str(x, "manufacturer", a.manufacturer());
            str(x, "destination", a.destination());
            List<String> vins = a.allVins();
            str(x, "vin", a.vin() != null ? a.vin() : vins.isEmpty() ? null : vins.get(0));
            x.put("vins", vins);
            date(x, "issuedOn", a.issuedOn());
            x.put("serviceOutlets", a.serviceOutlets() == null ? List.of() : a.serviceOutlets());
            m.put("afterSalesConfirmation", x);
        }
        if (f.exportLicence() != null) {
            EvaluationRequest.ExportLicence l = f.exportLicence();
            Map<String, Object> x = new HashMap<>(8);
            str(x, "number", l.number());
            date(x, "issuedOn", l.issuedOn());
            date(x, "validUntil", l.validUntil());
            str(x, "holderCreditCode", l.holderCreditCode());
            m.put("exportLicence", x);
        }
        if (f.conformityCertificate() != null) {
            EvaluationRequest.ConformityCertificate c = f.conformityCertificate();
            Map<String, Object> x = new HashMap<>(4);
            str(x, "number", c.number());
            str(x, "holder", c.holder());
            date(x, "issuedOn", c.issuedOn());
            m.put("conformityCertificate", x);
        }
        if (f.licenceApplication() != null) {
            EvaluationRequest.LicenceApplication l = f.licenceApplication();
            Map<String, Object> x = new HashMap<>(8);
            str(x, "brand", l.brand());
            str(x, "model", l.model());
            date(x, "firstRegistrationDate", l.firstRegistrationDate());
            date(x, "transferForExportDate", l.transferForExportDate());
            m.put("licenceApplication", x);
        }
        if (f.sasoCertificate() != null) {
            Map<String, Object> x = new HashMap<>(4);
            str(x, "number", f.sasoCertificate().number());
            date(x, "issuedOn", f.sasoCertificate().issuedOn());
            m.put("sasoCertificate", x);
        }
        str(m, "exporterNegativeListMeasure", f.exporterNegativeListMeasure());
        date(m, "applicationDate", f.applicationDate());
        date(m, "exportDate", f.exportDate() != null ? f.exportDate() : asOf);
        str(m, "exporterCreditCode", f.exporterCreditCode());
        date(m, "plannedExportDate", f.plannedExportDate());
        str(m, "portOfExit", f.portOfExit());
        return m;
    }

    static Map<String, Object> assessment(EvaluationRequest.Assessment a) {
        Map<String, Object> m = new HashMap<>(8);
        m.put("zeroMileage", Boolean.TRUE.equals(a.zeroMileage()));
        num(m, "odometerKm", a.odometerKm());
        num(m, "daysRegisteredBeforeExport", a.daysRegisteredBeforeExport());
        num(m, "daysSinceFirstRegistration", a.daysSinceFirstRegistration());
        m.put("waitingOutRule", Boolean.TRUE.equals(a.waitingOutRule()));
        str(m, "verdict", a.verdict());
        return m;
    }

    public static Instant instant(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static void str(Map<String, Object> m, String k, String v) {
        m.put(k, v == null ? "" : v);
    }

    private static void num(Map<String, Object> m, String k, Integer v) {
        if (v != null) m.put(k, v.longValue());
    }

    private static void date(Map<String, Object> m, String k, LocalDate v) {
        if (v != null) m.put(k, instant(v));
    }
}
