package io.zmx.registry.domain;

/**
 * Why a vehicle was entered on a register. {@code TRANSFER_FOR_EXPORT} is the registration to the exporting
 * company that precedes an export licence application; MOFCOM's 180-day guideline grandfathers vehicles whose
 * transfer-for-export registration was completed before 2026-01-01 (see ../shared/domain/FACTS.md).
 */
public enum RegistrationKind {
    /** The vehicle's first registration. */
    FIRST,
    /** A change of owner (or region) after the first registration. */
    TRANSFER,
    /** The transfer to an exporter, registered for the export. */
    TRANSFER_FOR_EXPORT;

    /**
     * The kind of a registration sent without one: FIRST when no registration of the vehicle is dated on or
     * before it, otherwise TRANSFER.
     */
    public static RegistrationKind byDefault(boolean earlierOrSameDayRegistrationExists) {
        return earlierOrSameDayRegistrationExists ? TRANSFER : FIRST;
    }
}
