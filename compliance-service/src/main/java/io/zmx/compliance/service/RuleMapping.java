package io.zmx.compliance.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.compliance.api.RuleSetView;
import io.zmx.compliance.api.RuleSpec;
import io.zmx.compliance.api.VersionSummary;
import io.zmx.compliance.api.VersionView;
import io.zmx.compliance.domain.LegalReference;
import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.engine.RuleDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Entity <-> API model <-> engine model. */
@ApplicationScoped
public class RuleMapping {

    private static final TypeReference<List<LegalReference>> REFS = new TypeReference<>() {};

    private final ObjectMapper json;

    public RuleMapping(ObjectMapper json) {
        this.json = json;
    }

    public RuleSpec spec(Rule r) {
        return new RuleSpec(r.code, r.title, r.severity, r.expression, r.message, refs(r), r.effectiveFrom, r.effectiveTo);
    }

    public RuleDefinition definition(RuleSpec r) {
        return new RuleDefinition(r.code(), r.title(), r.severity(), r.expression(), r.message(),
                List.copyOf(r.legalReferences()), r.effectiveFrom(), r.effectiveTo());
    }

    public RuleDefinition definition(Rule r) {
        return new RuleDefinition(r.code, r.title, r.severity, r.expression, r.message, refs(r), r.effectiveFrom, r.effectiveTo);
    }

    public Rule entity(RuleSpec s, RuleSetVersion version, int position) {
        Rule r = new Rule();
        r.ruleSetVersion = version;
        r.position = position;
        r.code = s.code();
        r.title = s.title();
        r.severity = s.severity();
        r.expression = s.expression();
        r.message = s.message();
        r.effectiveFrom = s.effectiveFrom();
        r.effectiveTo = s.effectiveTo();
        try {
            r.legalReferencesJson = json.writeValueAsString(s.legalReferences());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return r;
    }

    public VersionSummary summary(RuleSetVersion v) {
        return v == null ? null : new VersionSummary(v.jurisdiction, v.version, v.status, v.effectiveFrom, v.effectiveTo,
                v.rules.size(), v.origin, v.createdBy, v.createdAt, v.publishedAt, v.retiredAt);
    }

    public VersionView view(RuleSetVersion v) {
        return new VersionView(v.jurisdiction, v.version, v.status, v.effectiveFrom, v.effectiveTo, v.notes, v.origin,
                v.createdBy, v.createdAt, v.publishedBy, v.publishedAt, v.retiredBy, v.retiredAt, v.lockVersion,
                v.rules.stream().map(this::spec).toList());
    }

    public RuleSetView view(RuleSet s, RuleSetVersion inForce, List<RuleSetVersion> versions) {
        return new RuleSetView(s.jurisdiction, s.name, s.scope, s.members(), summary(inForce),
                versions.stream().map(this::summary).toList());
    }

    private List<LegalReference> refs(Rule r) {
        try {
            return json.readValue(r.legalReferencesJson, REFS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("legal references of rule " + r.code + " are not valid JSON", e);
        }
    }
}
