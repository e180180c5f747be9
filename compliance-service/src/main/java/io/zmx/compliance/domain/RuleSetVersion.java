package io.zmx.compliance.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Formula;

/**
 * One version of a jurisdiction's rule set. Drafts are edited; a published version never changes
 * again (the database enforces it for its rules), it can only be retired, which closes its window.
 */
@Entity
@Table(name = "rule_set_version")
public class RuleSetVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String jurisdiction;

    public int version;

    @Enumerated(EnumType.STRING)
    public VersionStatus status;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    /** Exclusive end of the window; null when open-ended. */
    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    public String notes;

    /** SEED when imported from the bundled seeds, API when written by an author. */
    public String origin = "API";

    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "published_by")
    public String publishedBy;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "retired_by")
    public String retiredBy;
    @Column(name = "retired_at")
    public Instant retiredAt;

    @Version
    @Column(name = "lock_version")
    public int lockVersion;

    /** Never loaded lazily (Hibernate Reactive cannot): queries that need the rules fetch them (persistence). */
    @OneToMany(mappedBy = "ruleSetVersion", cascade = CascadeType.PERSIST)
    @OrderBy("position")
    public List<Rule> rules = new ArrayList<>();

    /** How many rules the version has, read with the row (summaries need the count, not the rules). */
    @Formula("(select count(*) from rule r where r.version_id = id)")
    public int ruleCount;

    public boolean inForceOn(LocalDate date) {
        return status != VersionStatus.DRAFT && !date.isBefore(effectiveFrom)
                && (effectiveTo == null || date.isBefore(effectiveTo));
    }
}
