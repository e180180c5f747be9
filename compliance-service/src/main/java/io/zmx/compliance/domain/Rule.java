package io.zmx.compliance.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One rule of a rule-set version: a CEL expression that is true when the rule HITS the filing.
 * Its own effective window narrows the version's: a rule outside its window is skipped.
 */
@Entity
@Table(name = "rule")
public class Rule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "version_id")
    public RuleSetVersion ruleSetVersion;

    public int position;
    public String code;
    public String title;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    public String expression;
    public String message;

    /** JSON array of {title, url}; kept as text here and (de)serialised by the service. */
    @Column(name = "legal_references", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String legalReferencesJson;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    public boolean inForceOn(LocalDate date) {
        return (effectiveFrom == null || !date.isBefore(effectiveFrom))
                && (effectiveTo == null || date.isBefore(effectiveTo));
    }
}
