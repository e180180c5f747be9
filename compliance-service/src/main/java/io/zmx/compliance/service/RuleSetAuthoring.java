package io.zmx.compliance.service;

import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetScope;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.domain.VersionStatus;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.persistence.RuleSetVersions;
import io.zmx.compliance.persistence.RuleSets;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Where a rule set changes: creating sets, drafting, publishing and retiring versions (each one transaction). */
@ApplicationScoped
public class RuleSetAuthoring {

    /** A draft as asked for: each part optional (copied from {@code basedOn} when absent, where that applies). */
    public record Draft(Integer basedOn, LocalDate effectiveFrom, LocalDate effectiveTo, String notes, List<RuleDefinition> rules) {}

    private final RuleSets sets;
    private final RuleSetVersions versions;
    private final RuleSetQueries queries;
    private final RuleValidation validation;
    private final Clock clock = Clock.systemUTC();

    public RuleSetAuthoring(RuleSets sets, RuleSetVersions versions, RuleSetQueries queries, RuleValidation validation) {
        this.sets = sets;
        this.versions = versions;
        this.queries = queries;
        this.validation = validation;
    }

    public Uni<RuleSet> create(String jurisdiction, String name, RuleSetScope scope, List<String> members) {
        return Writes.transaction(() -> sets.findById(jurisdiction).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("rule-set-exists", "Rule set already exists", "Rule set " + jurisdiction + " already exists");
            }
            boolean group = scope == RuleSetScope.GROUP;
            if (group == (members == null || members.isEmpty())) {
                throw ProblemException.invalid("validation", "Request is not valid", "members are required for a GROUP and only for it",
                        List.of(new Problem.Violation("members", group ? "a GROUP needs members" : "only a GROUP has members")));
            }
            RuleSet s = new RuleSet();
            s.jurisdiction = jurisdiction;
            s.name = name;
            s.scope = scope;
            s.members(members);
            s.createdAt = Instant.now(clock);
            return sets.persist(s);
        }));
    }

    public Uni<RuleSetVersion> createDraft(String jurisdiction, Draft r, String user) {
        return Writes.transaction(() -> queries.ruleSet(jurisdiction)
                .chain(s -> r.basedOn() == null ? Uni.createFrom().<RuleSetVersion>nullItem() : queries.version(jurisdiction, r.basedOn()))
                .chain(base -> {
                    List<RuleDefinition> rules = r.rules() != null ? r.rules()
                            : base != null ? base.rules.stream().map(Rule::definition).toList() : null;
                    LocalDate from = r.effectiveFrom() != null ? r.effectiveFrom() : base != null ? base.effectiveFrom : null;
                    if (rules == null || from == null) {
                        List<Problem.Violation> v = new ArrayList<>();
                        if (rules == null) v.add(new Problem.Violation("rules", "give rules, or basedOn to copy them"));
                        if (from == null) v.add(new Problem.Violation("effectiveFrom", "give effectiveFrom, or basedOn to copy it"));
                        throw ProblemException.invalid("validation", "Request is not valid", v.size() + " field(s) are not valid", v);
                    }
                    LocalDate to = r.effectiveFrom() != null || r.effectiveTo() != null ? r.effectiveTo()
                            : base != null ? base.effectiveTo : null;
                    validation.validate(jurisdiction, rules, from, to);
                    return versions.maxVersion(jurisdiction).chain(max -> {
                        RuleSetVersion v = new RuleSetVersion();
                        v.jurisdiction = jurisdiction;
                        v.version = max == null ? 1 : max + 1;
                        v.status = VersionStatus.DRAFT;
                        v.effectiveFrom = from;
                        v.effectiveTo = to;
                        v.notes = r.notes() != null ? r.notes() : base != null ? base.notes : null;
                        v.createdBy = user;
                        v.createdAt = Instant.now(clock);
                        for (int i = 0; i < rules.size(); i++) {
                            v.rules.add(Rule.of(rules.get(i), v, i));
                        }
                        v.ruleCount = rules.size();
                        // the rules go in with the version (cascade); flushed so the answer shows the stored state
                        return versions.persist(v).call(versions::flush);
                    });
                }));
    }

    public Uni<RuleSetVersion> updateDraft(String jurisdiction, int version, Draft r, Integer ifMatch, String user) {
        return Writes.transaction(() -> queries.version(jurisdiction, version).chain(v -> {
            requireDraft(v, "changed");
            checkLock(v, ifMatch);
            if (r.basedOn() != null) {
                throw ProblemException.invalid("validation", "Request is not valid", "basedOn only applies when creating a draft",
                        List.of(new Problem.Violation("basedOn", "not allowed when replacing a draft")));
            }
            List<RuleDefinition> rules = r.rules() != null ? r.rules() : v.rules.stream().map(Rule::definition).toList();
            LocalDate from = r.effectiveFrom() != null ? r.effectiveFrom() : v.effectiveFrom;
            LocalDate to = r.effectiveFrom() != null || r.effectiveTo() != null ? r.effectiveTo() : v.effectiveTo;
            validation.validate(jurisdiction, rules, from, to);
            v.effectiveFrom = from;
            v.effectiveTo = to;
            if (r.notes() != null) v.notes = r.notes();
            if (r.rules() == null) {
                return bump(v);
            }
            // delete first and flush: inserts would otherwise collide with the old rows on (version, code)
            return versions.deleteRules(v).call(versions::flush).chain(deleted -> {
                v.rules.clear();
                List<Rule> fresh = new ArrayList<>();
                for (int i = 0; i < rules.size(); i++) {
                    Rule rule = Rule.of(rules.get(i), v, i);
                    v.rules.add(rule);
                    fresh.add(rule);
                }
                v.ruleCount = fresh.size();
                return Rule.persist(fresh).chain(() -> bump(v));
            });
        }));
    }

    public Uni<RuleSetVersion> publish(String jurisdiction, int version, LocalDate effectiveFrom, LocalDate effectiveTo,
            Integer ifMatch, String user) {
        return Writes.transaction(() -> queries.version(jurisdiction, version).chain(v -> {
            requireDraft(v, "published");
            checkLock(v, ifMatch);
            LocalDate from = effectiveFrom != null ? effectiveFrom : v.effectiveFrom;
            LocalDate to = effectiveFrom != null || effectiveTo != null ? effectiveTo : v.effectiveTo;
            validation.validate(jurisdiction, v.rules.stream().map(Rule::definition).toList(), from, to);
            v.effectiveFrom = from;
            v.effectiveTo = to;
            v.status = VersionStatus.PUBLISHED;
            v.publishedBy = user;
            v.publishedAt = Instant.now(clock);
            return bump(v);
        }));
    }

    public Uni<RuleSetVersion> retire(String jurisdiction, int version, LocalDate effectiveTo, Integer ifMatch, String user) {
        return Writes.transaction(() -> queries.version(jurisdiction, version).chain(v -> {
            if (v.status != VersionStatus.PUBLISHED) {
                throw ProblemException.conflict("not-published", "Only a published version can be retired",
                        jurisdiction + " v" + version + " is " + v.status);
            }
            checkLock(v, ifMatch);
            LocalDate to = effectiveTo != null ? effectiveTo : LocalDate.now(clock);
            if (to.isBefore(v.effectiveFrom)) {
                to = v.effectiveFrom; // retired before it ever applied: an empty window
            }
            if (v.effectiveTo == null || to.isBefore(v.effectiveTo)) {
                v.effectiveTo = to;
            }
            v.status = VersionStatus.RETIRED;
            v.retiredBy = user;
            v.retiredAt = Instant.now(clock);
            return bump(v);
        }));
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
    private Uni<RuleSetVersion> bump(RuleSetVersion v) {
        v.updatedAt = Instant.now(clock);
        return versions.flush().replaceWith(v);
    }
}
