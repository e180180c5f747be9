package io.zmx.export.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One row of the event feed and outbox ({@code event}, V4), written by Hibernate in the transaction of the change
 * it describes. Only the columns the writer sets are mapped: {@code seq}, {@code txid} and {@code occurred_at} come
 * from their defaults, and the feed reads rows with SQL ({@code persistence/EventFeed}), never through this entity.
 * The id is assigned, so the insert waits for the transaction's flush with the filing's own update.
 */
@Entity
@Table(name = "event")
public class Event extends PanacheEntityBase {

    @Id
    public UUID id;
    public String type;
    @Column(name = "filing_id")
    public UUID filingId;
    public String vin;
    @Column(name = "exporter_credit_code")
    public String exporterCreditCode;
    /** Comma-separated ISO 3166-1 codes, stored as the {@code text[]} the visibility rule matches. */
    @ColumnTransformer(write = "string_to_array(?, ',')", read = "array_to_string(countries, ',')")
    public String countries;
    /** JSON object text. Cast from text: a parameter typed jsonb would be bound as a JSON string, not parsed. */
    @ColumnTransformer(write = "cast(cast(? as text) as jsonb)")
    public String payload;
}
