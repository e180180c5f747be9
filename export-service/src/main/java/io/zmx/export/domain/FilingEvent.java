package io.zmx.export.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One transition of one filing: append-only (a trigger refuses UPDATE and DELETE), chained by hash. */
@Entity
@Immutable
@Table(name = "filing_events")
public class FilingEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "filing_id")
    public UUID filingId;
    public int seq;
    public String actor;
    @Column(name = "actor_role")
    public String actorRole;
    public Instant at;
    @Column(name = "from_status")
    public String fromStatus;
    @Column(name = "to_status")
    public String toStatus;
    public String reason;
    @Column(name = "prev_hash")
    public String prevHash;
    public String hash;
    /** Which encoding {@link #hash} was computed over: 1 (legacy, fields joined by U+001F) or 2 (length-prefixed). */
    @Column(name = "hash_version")
    public int hashVersion;
}
