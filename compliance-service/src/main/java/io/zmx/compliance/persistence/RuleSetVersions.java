package io.zmx.compliance.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.domain.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/**
 * Rule-set versions. Hibernate Reactive loads nothing lazily: a version's rules come only with the queries named
 * "withRules" (one join fetch) or {@link #fetchRules}; summaries read {@code ruleCount} from the row instead.
 */
@ApplicationScoped
public class RuleSetVersions implements PanacheRepositoryBase<RuleSetVersion, Long> {

    /** Every version of every set, without rules: one statement whatever the data. */
    public Uni<List<RuleSetVersion>> all() {
        return list("order by jurisdiction, version");
    }

    public Uni<List<RuleSetVersion>> ofJurisdiction(String jurisdiction) {
        return list("jurisdiction = ?1 order by version", jurisdiction);
    }

    /** Published and retired versions of the given jurisdictions, without rules (drafts never judge a filing). */
    public Uni<List<RuleSetVersion>> notDraftsOf(Collection<String> jurisdictions) {
        return list("jurisdiction in ?1 and status <> ?2 order by jurisdiction, version", jurisdictions, VersionStatus.DRAFT);
    }

    /** A published or retired version and its set. */
    public record WithSet(RuleSet set, RuleSetVersion version) {}

    /**
     * Every published or retired version with its set, without rules, in ONE statement (an evaluation's read, issue
     * 12: the sets and then their versions were two round trips). A set with no such version is not among them: it
     * judges nothing.
     */
    public Uni<List<WithSet>> notDraftsWithSets() {
        return getSession().chain(s -> s.createQuery("select s, v from RuleSet s join RuleSetVersion v on v.jurisdiction = "
                        + "s.jurisdiction where v.status <> :draft order by v.jurisdiction, v.version", Object[].class)
                .setParameter("draft", VersionStatus.DRAFT)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new WithSet((RuleSet) r[0], (RuleSetVersion) r[1])).toList());
    }

    /** One version with its rules (in position order), or null. */
    public Uni<RuleSetVersion> withRules(String jurisdiction, int version) {
        return find("select v from RuleSetVersion v left join fetch v.rules where v.jurisdiction = ?1 and v.version = ?2",
                jurisdiction, version).firstResult();
    }

    /** The given versions with their rules (one statement). */
    public Uni<List<RuleSetVersion>> withRules(Collection<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : list("select distinct v from RuleSetVersion v left join fetch v.rules where v.id in ?1", ids);
    }

    /** Loads the rules of a version read without them (one statement). */
    public Uni<List<Rule>> fetchRules(RuleSetVersion v) {
        return Panache.getSession().chain(s -> s.fetch(v.rules));
    }

    public Uni<Integer> maxVersion(String jurisdiction) {
        return find("select max(version) from RuleSetVersion where jurisdiction = ?1", jurisdiction)
                .project(Integer.class).firstResult();
    }

    /** Deletes a draft's rules at once (the new ones are inserted after a flush: (version, code) is unique). */
    public Uni<Long> deleteRules(RuleSetVersion v) {
        return Rule.delete("ruleSetVersion", v);
    }

    public Uni<Void> flush() {
        return Panache.flush();
    }
}
