package io.zmx.compliance.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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
import io.zmx.compliance.engine.LegalReference;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.engine.Severity;
import java.util.ArrayList;
import java.util.List;
import jakarta.persistence.Convert;
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

    /**
     * JSON array of {title, url} in a jsonb column. Not {@code @JdbcTypeCode(SqlTypes.JSON)}: Hibernate Reactive passes
     * JSON through Vert.x's JsonObject, which cannot hold a top-level array; so the column travels as text.
     */
    @Column(name = "legal_references")
    @Convert(converter = LegalReferencesColumn.class)
    @ColumnTransformer(read = "legal_references::text", write = "cast(? as text)::jsonb")
    public List<LegalReference> legalReferences = new ArrayList<>();

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    /** A rule as authored, for the version at the given position. */
    public static Rule of(RuleDefinition d, RuleSetVersion version, int position) {
        Rule r = new Rule();
        r.ruleSetVersion = version;
        r.position = position;
        r.code = d.code();
        r.title = d.title();
        r.severity = d.severity();
        r.expression = d.expression();
        r.message = d.message();
        r.legalReferences = new ArrayList<>(d.legalReferences());
        r.effectiveFrom = d.effectiveFrom();
        r.effectiveTo = d.effectiveTo();
        return r;
    }

    /** The rule as the engine compiles it. */
    public RuleDefinition definition() {
        return new RuleDefinition(code, title, severity, expression, message, List.copyOf(legalReferences), effectiveFrom,
                effectiveTo);
    }

    public boolean inForceOn(LocalDate date) {
        return (effectiveFrom == null || !date.isBefore(effectiveFrom))
                && (effectiveTo == null || date.isBefore(effectiveTo));
    }
}
