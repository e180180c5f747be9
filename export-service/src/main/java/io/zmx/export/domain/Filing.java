package io.zmx.export.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An export filing. Its status changes only through {@code FilingLifecycle}; the screener's
 * bookkeeping (attempts, next attempt, claim) lives beside the verdict so nothing is kept in memory.
 */
@Entity
@Table(name = "filings")
public class Filing extends PanacheEntityBase {

    @Id
    public UUID id;
    public String number;
    @Version
    public long version;
    @Enumerated(EnumType.STRING)
    public FilingStatus status;
    @Column(name = "exporter_credit_code")
    public String exporterCreditCode;
    @Column(name = "created_by")
    public String createdBy;
    public String vin;
    public String destination;
    public String consignee;
    @Column(name = "consignee_type")
    public String consigneeType;
    @Column(name = "consignee_registration_number")
    public String consigneeRegistrationNumber;
    @Column(name = "declared_status")
    public String declaredStatus;
    @Column(name = "declared_odometer_km")
    public int declaredOdometerKm;
    @Column(name = "declared_value")
    public BigDecimal declaredValue;
    @Column(name = "declared_currency")
    public String declaredCurrency;
    @Column(name = "hs_code")
    public String hsCode;
    @Column(name = "port_of_exit")
    public String portOfExit;
    @Column(name = "planned_export_date")
    public LocalDate plannedExportDate;
    /**
     * The documents below are jsonb objects mapped by Hibernate ({@code SqlTypes.JSON}, written and read by
     * {@code persistence.JsonColumns}). They were Strings with {@code cast(? as text)::jsonb}: bound straight to
     * {@code ?::jsonb}, the reactive client had sent a Java String as a JSON string, which SQL over the document
     * (jsonb operators, reports) reads as null; V7 turned the rows written that way back into objects.
     */
    @Column(name = "after_sales_confirmation")
    @JdbcTypeCode(SqlTypes.JSON)
    public AfterSalesConfirmation afterSalesConfirmation;
    @Column(name = "export_licence")
    public String exportLicence;
    @Column(name = "licence_application")
    @JdbcTypeCode(SqlTypes.JSON)
    public LicenceApplication licenceApplication;
    @Column(name = "conformity_certificate")
    @JdbcTypeCode(SqlTypes.JSON)
    public ConformityCertificate conformityCertificate;
    @Column(name = "saso_certificate")
    @JdbcTypeCode(SqlTypes.JSON)
    public SasoCertificate sasoCertificate;
    @Column(name = "application_date")
    public LocalDate applicationDate;
    @Column(name = "declared_make")
    public String declaredMake;
    @Column(name = "declared_model")
    public String declaredModel;
    @Column(name = "declared_model_year")
    public Integer declaredModelYear;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "screen_attempts")
    public int screenAttempts;
    @Column(name = "next_screen_at")
    public Instant nextScreenAt;
    @Column(name = "screen_claim")
    public UUID screenClaim;
    @Column(name = "last_screen_error")
    public String lastScreenError;

    @Column(name = "screened_at")
    public Instant screenedAt;
    @Enumerated(EnumType.STRING)
    public Lane lane;
    @Column(name = "zero_mileage")
    public Boolean zeroMileage;
    public String maker;
    @Column(name = "origin_region")
    public String originRegion;
    @Column(name = "under_valuation_ratio")
    public BigDecimal underValuationRatio;
    @Column(name = "screened_as_of")
    public LocalDate screenedAsOf;
    @Column(name = "random_inspection")
    public boolean randomInspection;
    @JdbcTypeCode(SqlTypes.JSON)
    public ZeroMileageAssessment assessment;
    /**
     * A JSON array of {@link Finding}, and so still text with a cast: Hibernate Reactive binds and extracts
     * {@code SqlTypes.JSON} through a Vert.x {@code JsonObject}, which cannot hold an array (writing a {@code List}
     * fails with "DecodeException: Cannot deserialize value of type LinkedHashMap from Array value";
     * hibernate/hibernate-reactive#4156, open). {@link FindingsColumn} converts it, as compliance-service's
     * {@code LegalReferencesColumn} does its rules' array.
     */
    @Column(name = "findings")
    @Convert(converter = FindingsColumn.class)
    @ColumnTransformer(read = "findings::text", write = "cast(? as text)::jsonb")
    public List<Finding> findings;
    /** compliance-service's evaluation as it answered it: its document, not modelled in this domain */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode evaluation;

    @Column(name = "export_date")
    public LocalDate exportDate;
    @Column(name = "deregistration_due")
    public LocalDate deregistrationDue;
    @Column(name = "deregistered_on")
    public LocalDate deregisteredOn;
    @Column(name = "deregistration_overdue")
    public boolean deregistrationOverdue;
    @Column(name = "deregistration_checked_at")
    public Instant deregistrationCheckedAt;

    @Column(name = "audit_seq")
    public int auditSeq;
    @Column(name = "audit_head")
    public String auditHead;
}
