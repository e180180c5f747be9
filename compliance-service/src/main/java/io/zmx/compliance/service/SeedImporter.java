package io.zmx.compliance.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.Writes;
import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetScope;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.domain.VersionStatus;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.compliance.persistence.RuleSetVersions;
import io.zmx.compliance.persistence.RuleSets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the bundled seed rule sets (built from FACTS.md) on start, idempotently: a version is keyed
 * by jurisdiction + version number and imported only when absent, as PUBLISHED. An imported version
 * is never overwritten (published versions are immutable); to change a seeded rule, create a draft
 * through the API (basedOn the seeded version) and publish it.
 */
@ApplicationScoped
public class SeedImporter {

    private static final Logger LOG = Logger.getLogger(SeedImporter.class);

    // read with a plain ObjectMapper, not through a REST endpoint: registered for native images by hand (the rules
    // are the engine's RuleDefinition, which is plain Java and cannot carry the annotation itself)
    @RegisterForReflection(targets = {Seeds.class, RuleDefinition.class})
    public record Seeds(List<SeedSet> ruleSets) {}

    @RegisterForReflection
    public record SeedSet(String jurisdiction, String name, RuleSetScope scope, List<String> members, List<SeedVersion> versions) {}

    @RegisterForReflection
    public record SeedVersion(int version, LocalDate effectiveFrom, LocalDate effectiveTo, String notes, List<RuleDefinition> rules) {}

    private final ObjectMapper json;
    private final RuleValidation validation;
    private final RuleSets sets;
    private final RuleSetVersions versions;
    private final ComplianceConfig config;

    public SeedImporter(ObjectMapper json, RuleValidation validation, RuleSets sets, RuleSetVersions versions, ComplianceConfig config) {
        this.json = json;
        this.validation = validation;
        this.sets = sets;
        this.versions = versions;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (config.seeds().enabled()) {
            // the start waits for the import: a broken seed stops the service before it takes traffic
            int imported = VertxContextSupport.subscribeAndAwait(() -> Writes.transaction(this::importSeeds));
            LOG.infof("seed rule sets: %d version(s) imported from %s", imported, config.seeds().resource());
        }
    }

    public static Seeds read(ObjectMapper json, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed resource " + resource + " not found on the classpath");
            }
            return json.readValue(in, Seeds.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports the missing seed versions (inside the caller's transaction); returns how many were imported. */
    public Uni<Integer> importSeeds() {
        Seeds seeds = read(json, config.seeds().resource());
        // a concurrent replica starting at the same time waits here instead of importing twice
        Uni<Integer> done = Panache.getSession()
                .chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(82082)").getSingleResult())
                .replaceWith(0);
        for (SeedSet s : seeds.ruleSets()) {
            done = done.chain(n -> ensureSet(s).replaceWith(n));
            for (SeedVersion sv : s.versions()) {
                done = done.chain(n -> importVersion(s, sv).map(imported -> imported ? n + 1 : n));
            }
        }
        return done;
    }

    private Uni<RuleSet> ensureSet(SeedSet s) {
        return sets.findById(s.jurisdiction()).chain(set -> {
            if (set != null) {
                return Uni.createFrom().item(set);
            }
            RuleSet created = new RuleSet();
            created.jurisdiction = s.jurisdiction();
            created.name = s.name();
            created.scope = s.scope();
            created.members(s.members());
            created.createdAt = Instant.now();
            return sets.persist(created);
        });
    }

    private Uni<Boolean> importVersion(SeedSet s, SeedVersion sv) {
        return versions.find("jurisdiction = ?1 and version = ?2", s.jurisdiction(), sv.version()).firstResult().chain(existing -> {
            if (existing != null) {
                if (!"SEED".equals(existing.origin)) {
                    // a version authored through the API took this number first: the seed is not imported, say so loudly
                    LOG.warnf("seed %s v%d not imported: version %d exists and was authored through the API (%s); "
                            + "publish the seed's rules as a new version through the API", s.jurisdiction(), sv.version(),
                            sv.version(), existing.createdBy);
                }
                return Uni.createFrom().item(false);
            }
            // seeds must compile like any authored rule: a broken seed stops the start, loudly
            validation.validate(s.jurisdiction(), sv.rules(), sv.effectiveFrom(), sv.effectiveTo());
            RuleSetVersion v = new RuleSetVersion();
            v.jurisdiction = s.jurisdiction();
            v.version = sv.version();
            v.status = VersionStatus.DRAFT;
            v.effectiveFrom = sv.effectiveFrom();
            v.effectiveTo = sv.effectiveTo();
            v.notes = sv.notes();
            v.origin = "SEED";
            v.createdBy = "seed";
            v.createdAt = Instant.now();
            for (int i = 0; i < sv.rules().size(); i++) {
                v.rules.add(Rule.of(sv.rules().get(i), v, i));
            }
            // rules go in while the version is a draft (the database refuses rules of published versions)
            return versions.persist(v).call(versions::flush).chain(() -> {
                v.status = VersionStatus.PUBLISHED;
                v.publishedBy = "seed";
                v.publishedAt = v.createdAt;
                return versions.flush();
            }).replaceWith(true);
        });
    }
}
