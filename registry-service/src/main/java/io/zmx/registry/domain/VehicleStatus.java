package io.zmx.registry.domain;

import java.time.LocalDate;
import java.util.Collection;

/**
 * Where a vehicle stands, derived from its registrations and deregistrations: never registered
 * (ACTIVE), registered, or deregistered by its latest event. ImportSql.DERIVE_STATUS states the same rule in
 * SQL for bulk loads; RulesAgreeInSqlTest proves the two agree on generated histories.
 */
public enum VehicleStatus {
    ACTIVE, REGISTERED, DEREGISTERED;

    public static VehicleStatus derive(Collection<LocalDate> registrations, Collection<LocalDate> deregistrations) {
        LocalDate lastRegistration = registrations.stream().max(LocalDate::compareTo).orElse(null);
        LocalDate lastDeregistration = deregistrations.stream().max(LocalDate::compareTo).orElse(null);
        if (lastDeregistration != null && (lastRegistration == null || !lastDeregistration.isBefore(lastRegistration))) {
            return DEREGISTERED;
        }
        return lastRegistration == null ? ACTIVE : REGISTERED;
    }
}
