package io.zmx.compliance.service;

import io.zmx.compliance.api.CreateRuleSetRequest;
import io.zmx.compliance.api.DraftRequest;
import io.zmx.compliance.api.Page;
import io.zmx.compliance.api.PublishRequest;
import io.zmx.compliance.api.RetireRequest;
import io.zmx.compliance.api.RuleInForce;
import io.zmx.compliance.api.RuleSetView;
import io.zmx.compliance.api.RuleSpec;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetScope;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.domain.VersionStatus;
import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleCompileException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Authoring, publishing and retiring rule-set versions, and the time-travel reads. */
@ApplicationScoped
public class RuleSetService {

    private final RuleMapping mapping;
    private final CompiledRuleSets compiled;
    private final Clock clock = Clock.systemUTC();

    public RuleSetService(RuleMapping mapping, CompiledRuleSets compiled) {
        this.mapping = mapping;
        this.compiled = compiled;
    }

    // ---- reads -----------------------------------------------------------------------------------

    @Transactional
    public List<RuleSetView> list(LocalDate asOf) {
        List<RuleSet> sets = RuleSet.list("order by jurisdiction");
        List<RuleSetView> views = new ArrayList<>();
        for (RuleSet s : sets) {
            List<RuleSetVersion> versions = versions(s.jurisdiction);
            views.add(mapping.view(s, inForce(versions, asOf).orElse(null), versions));
        }
        return views;
    }

    @Transactional
    public RuleSetView get(String jurisdiction, LocalDate asOf) {
        RuleSet s = ruleSet(jurisdiction);
        List<RuleSetVersion> versions = versions(jurisdiction);
        return mapping.view(s, inForce(versions, asOf).orElse(null), versions);
    }

    @Transactional
    public RuleSetVersion version(String jurisdiction, int version) {
        RuleSetVersion v = RuleSetVersion.find("jurisdiction = ?1 and version = ?2", jurisdiction, version).firstResult();
        if (v == null) {
            throw ProblemException.notFound("Rule-set version", jurisdiction + " v" + version);
        }
        v.rules.size();
        return v;
    }

    /** The rules of every set in force on {@code asOf}, optionally only those that judge origin -> destination. */
    @Transactional
    public Page<RuleInForce> rulesInForce(LocalDate asOf, String jurisdiction, String origin, String destination, int page, int size) {
        List<RuleInForce> all = new ArrayList<>();
        List<RuleSet> sets = RuleSet.list("order by jurisdiction");
        for (RuleSet s : sets) {
            if (jurisdiction != null && !s.jurisdiction.equals(jurisdiction)) continue;
            if (!judges(s, origin, destination)) continue;
            inForce(versions(s.jurisdiction), asOf).ifPresent(v -> v.rules.stream()
                    .filter(r -> r.inForceOn(asOf))
                    .forEach(r -> all.add(new RuleInForce(s.jurisdiction, s.scope, v.version, mapping.spec(r)))));
        }
        int from = (int) Math.min(all.size(), io.zmx.edge.Paging.offset(page, size));
        return new Page<>(all.subList(from, Math.min(all.size(), from + size)), page, size, all.size());
    }

    /** The versions (with compiled programs) that judge a filing from origin to destination on asOf. */
    @Transactional
    public List<CompiledRuleSet> applicable(String origin, String destination, LocalDate asOf) {
        return applicableVersions(origin, destination, asOf).stream().map(compiled::of).toList();
    }

    @Transactional
    public List<RuleSetVersion> applicableVersions(String origin, String destination, LocalDate asOf) {
        List<RuleSet> sets = RuleSet.list("order by scope, jurisdiction");
        List<RuleSetVersion> result = new ArrayList<>();
        // origin first, then destination, then groups: the order hits of equal severity are listed in
        sets.sort(Comparator.comparing((RuleSet s) -> s.scope.ordinal()).thenComparing(s -> s.jurisdiction));
        List<String> applicable = sets.stream().filter(s -> s.applies(origin, destination)).map(s -> s.jurisdiction).toList();
        if (applicable.isEmpty()) {
            return result;
        }
        List<RuleSetVersion> candidates = RuleSetVersion.list(
                "jurisdiction in ?1 and status <> ?2 and effectiveFrom <= ?3 and (effectiveTo is null or effectiveTo > ?3) "
                        + "order by version desc", applicable, VersionStatus.DRAFT, asOf);
        for (String j : applicable) {
            candidates.stream().filter(v -> v.jurisdiction.equals(j)).findFirst().ifPresent(result::add);
        }
        return result;
    }

    /** Without origin and destination every set; otherwise the origin's ORIGIN set and the sets judging the destination. */
    private static boolean judges(RuleSet s, String origin, String destination) {
        if (origin == null && destination == null) {
            return true;
        }
        return s.scope == RuleSetScope.ORIGIN
                ? origin != null && s.jurisdiction.equals(origin)
                : destination != null && s.applies("", destination);
    }

    public RuleSet ruleSet(String jurisdiction) {
        RuleSet s = RuleSet.findById(jurisdiction);
        if (s == null) {
            throw ProblemException.notFound("Rule set", jurisdiction);
        }
        return s;
    }

    private List<RuleSetVersion> versions(String jurisdiction) {
        return RuleSetVersion.list("jurisdiction = ?1 order by version", jurisdiction);
    }

    private static Optional<RuleSetVersion> inForce(List<RuleSetVersion> versions, LocalDate asOf) {
        return versions.stream().filter(v -> v.inForceOn(asOf)).max(Comparator.comparingInt(v -> v.version));
    }

    // ---- writes ----------------------------------------------------------------------------------

    @Transactional
    public RuleSet create(CreateRuleSetRequest r) {
        if (RuleSet.findById(r.jurisdiction()) != null) {
            throw ProblemException.conflict("rule-set-exists", "Rule set already exists", "Rule set " + r.jurisdiction() + " already exists");
        }
        boolean group = r.scope() == RuleSetScope.GROUP;
        if (group == (r.members() == null || r.members().isEmpty())) {
            throw ProblemException.invalid("validation", "Request is not valid", "members are required for a GROUP and only for it",
                    List.of(new Problem.Violation("members", group ? "a GROUP needs members" : "only a GROUP has members")));
        }
        RuleSet s = new RuleSet();
        s.jurisdiction = r.jurisdiction();
        s.name = r.name();
        s.scope = r.scope();
        s.members(r.members());
        s.createdAt = Instant.now(clock);
        s.persist();
        return s;
    }

    @Transactional
    public RuleSetVersion createDraft(String jurisdiction, DraftRequest r, String user) {
        ruleSet(jurisdiction);
        RuleSetVersion base = r.basedOn() == null ? null : version(jurisdiction, r.basedOn());
        List<RuleSpec> rules = r.rules() != null ? r.rules() : base != null ? base.rules.stream().map(mapping::spec).toList() : null;
        LocalDate from = r.effectiveFrom() != null ? r.effectiveFrom() : base != null ? base.effectiveFrom : null;
        if (rules == null || from == null) {
            List<Problem.Violation> v = new ArrayList<>();
            if (rules == null) v.add(new Problem.Violation("rules", "give rules, or basedOn to copy them"));
            if (from == null) v.add(new Problem.Violation("effectiveFrom", "give effectiveFrom, or basedOn to copy it"));
            throw ProblemException.invalid("validation", "Request is not valid", v.size() + " field(s) are not valid", v);
        }
        LocalDate to = r.effectiveFrom() != null || r.effectiveTo() != null ? r.effectiveTo() : base != null ? base.effectiveTo : null;
        validate(jurisdiction, rules, from, to);
        Integer max = RuleSetVersion.find("select max(version) from RuleSetVersion where jurisdiction = ?1", jurisdiction)
                .project(Integer.class).firstResult();
        RuleSetVersion v = new RuleSetVersion();
        v.jurisdiction = jurisdiction;
        v.version = max == null ? 1 : max + 1;
        v.status = VersionStatus.DRAFT;
        v.effectiveFrom = from;
        v.effectiveTo = to;
        v.notes = r.notes() != null ? r.notes() : base != null ? base.notes : null;
        v.createdBy = user;
        v.createdAt = Instant.now(clock);
        v.persist();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = mapping.entity(rules.get(i), v, i);
            v.rules.add(rule);
            rule.persist();
        }
        return v;
    }

    @Transactional
    public RuleSetVersion updateDraft(String jurisdiction, int version, DraftRequest r, Integer ifMatch, String user) {
        RuleSetVersion v = version(jurisdiction, version);
        requireDraft(v, "changed");
        checkLock(v, ifMatch);
        if (r.basedOn() != null) {
            throw ProblemException.invalid("validation", "Request is not valid", "basedOn only applies when creating a draft",
                    List.of(new Problem.Violation("basedOn", "not allowed when replacing a draft")));
        }
        List<RuleSpec> rules = r.rules() != null ? r.rules() : v.rules.stream().map(mapping::spec).toList();
        LocalDate from = r.effectiveFrom() != null ? r.effectiveFrom() : v.effectiveFrom;
        LocalDate to = r.effectiveFrom() != null || r.effectiveTo() != null ? r.effectiveTo() : v.effectiveTo;
        validate(jurisdiction, rules, from, to);
        v.effectiveFrom = from;
        v.effectiveTo = to;
        if (r.notes() != null) v.notes = r.notes();
        if (r.rules() != null) {
            // delete first and flush: inserts would otherwise run before deletes and collide on (version, code)
            Rule.delete("ruleSetVersion", v);
            v.rules.clear();
            Rule.flush();
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = mapping.entity(rules.get(i), v, i);
                v.rules.add(rule);
                rule.persist();
            }
        }
        bump(v);
        return v;
    }

    @Transactional
    public RuleSetVersion publish(String jurisdiction, int version, PublishRequest r, Integer ifMatch, String user) {
        RuleSetVersion v = version(jurisdiction, version);
        requireDraft(v, "published");
        checkLock(v, ifMatch);
        LocalDate from = r != null && r.effectiveFrom() != null ? r.effectiveFrom() : v.effectiveFrom;
        LocalDate to = r != null && (r.effectiveFrom() != null || r.effectiveTo() != null) ? r.effectiveTo() : v.effectiveTo;
        List<RuleSpec> rules = v.rules.stream().map(mapping::spec).toList();
        validate(jurisdiction, rules, from, to);
        v.effectiveFrom = from;
        v.effectiveTo = to;
        v.status = VersionStatus.PUBLISHED;
        v.publishedBy = user;
        v.publishedAt = Instant.now(clock);
        bump(v);
        return v;
    }

    @Transactional
    public RuleSetVersion retire(String jurisdiction, int version, RetireRequest r, Integer ifMatch, String user) {
        RuleSetVersion v = version(jurisdiction, version);
        if (v.status != VersionStatus.PUBLISHED) {
            throw ProblemException.conflict("not-published", "Only a published version can be retired",
                    jurisdiction + " v" + version + " is " + v.status);
        }
        checkLock(v, ifMatch);
        LocalDate to = r != null && r.effectiveTo() != null ? r.effectiveTo() : LocalDate.now(clock);
        if (to.isBefore(v.effectiveFrom)) {
            to = v.effectiveFrom; // retired before it ever applied: an empty window
        }
        if (v.effectiveTo == null || to.isBefore(v.effectiveTo)) {
            v.effectiveTo = to;
        }
        v.status = VersionStatus.RETIRED;
        v.retiredBy = user;
        v.retiredAt = Instant.now(clock);
        bump(v);
        return v;
    }

    /** Compiles and type-checks every expression; errors carry the rule code, line and column. */
    public CompiledRuleSet validate(String jurisdiction, List<RuleSpec> rules, LocalDate from, LocalDate to) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (to != null && !to.isAfter(from)) {
            violations.add(new Problem.Violation("effectiveTo", "must be after effectiveFrom"));
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleSpec r = rules.get(i);
            if (!codes.add(r.code())) {
                violations.add(new Problem.Violation("rules[" + i + "].code", "duplicate code " + r.code()));
            }
            if (r.effectiveFrom() != null && r.effectiveTo() != null && !r.effectiveTo().isAfter(r.effectiveFrom())) {
                violations.add(new Problem.Violation("rules[" + i + "].effectiveTo", "must be after effectiveFrom"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("validation", "Request is not valid", violations.size() + " field(s) are not valid", violations);
        }
        try {
            return compiled.engine().compile(jurisdiction, 0, rules.stream().map(mapping::definition).toList());
        } catch (RuleCompileException e) {
            List<Problem.Violation> v = new ArrayList<>();
            for (var err : e.errors()) {
                int index = indexOf(rules, err.ruleCode());
                v.add(new Problem.Violation("rules[" + index + "].expression",
                        err.ruleCode() + " line " + err.line() + ", column " + err.column() + ": " + err.message()));
            }
            throw new ProblemException(400, "invalid-rule-expression", "Rule expression does not compile",
                    e.errors().size() + " error(s) in rule expressions; first in " + e.errors().get(0).ruleCode() + " at line "
                            + e.errors().get(0).line() + ", column " + e.errors().get(0).column() + ": " + e.errors().get(0).message(),
                    v, e.errors());
        }
    }

    private static int indexOf(List<RuleSpec> rules, String code) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).code().equals(code)) return i;
        }
        return -1;
    }

    private static void requireDraft(RuleSetVersion v, String verb) {
        if (v.status != VersionStatus.DRAFT) {
            throw ProblemException.conflict("immutable-version", "Published versions are immutable",
                    v.jurisdiction + " v" + v.version + " is " + v.status + " and cannot be " + verb
                            + "; create a new draft (basedOn " + v.version + ") instead");
        }
    }

    private static void checkLock(RuleSetVersion v, Integer ifMatch) {
        if (ifMatch != null && ifMatch != v.lockVersion) {
            throw new ProblemException(412, "stale-version", "Resource was changed by someone else",
                    "If-Match " + ifMatch + " does not match the current ETag " + v.lockVersion);
        }
    }

    /** Every write moves the ETag, also when only the rules (child rows) changed; flushed so the response shows it. */
    private void bump(RuleSetVersion v) {
        v.updatedAt = Instant.now(clock);
        RuleSetVersion.flush();
    }
}
