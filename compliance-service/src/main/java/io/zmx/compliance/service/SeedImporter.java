package io.zmx.compliance.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.zmx.compliance.api.RuleSpec;
import io.zmx.compliance.domain.Rule;
import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetScope;
import io.zmx.compliance.domain.RuleSetVersion;
import io.zmx.compliance.domain.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    // read with a plain ObjectMapper, not through a REST endpoint: registered for native images by hand
    @RegisterForReflection
    public record Seeds(List<SeedSet> ruleSets) {}

    @RegisterForReflection
    public record SeedSet(String jurisdiction, String name, RuleSetScope scope, List<String> members, List<SeedVersion> versions) {}

    @RegisterForReflection
    public record SeedVersion(int version, LocalDate effectiveFrom, LocalDate effectiveTo, String notes, List<RuleSpec> rules) {}

    private final ObjectMapper json;
    private final RuleSetService ruleSets;
    private final RuleMapping mapping;
    private final boolean enabled;
    private final String resource;

    public SeedImporter(ObjectMapper json, RuleSetService ruleSets, RuleMapping mapping,
            @ConfigProperty(name = "zmx.compliance.seeds.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "zmx.compliance.seeds.resource", defaultValue = "seeds/rule-sets.json") String resource) {
        this.json = json;
        this.ruleSets = ruleSets;
        this.mapping = mapping;
        this.enabled = enabled;
        this.resource = resource;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            int imported = importSeeds();
            LOG.infof("seed rule sets: %d version(s) imported from %s", imported, resource);
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

    /** Imports the missing seed versions; returns how many were imported. */
    @Transactional
    public int importSeeds() {
        int imported = 0;
        // a concurrent replica starting at the same time waits here instead of importing twice
        RuleSet.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(82082)").getSingleResult();
        for (SeedSet s : read(json, resource).ruleSets()) {
            RuleSet set = RuleSet.findById(s.jurisdiction());
            if (set == null) {
                set = new RuleSet();
                set.jurisdiction = s.jurisdiction();
                set.name = s.name();
                set.scope = s.scope();
                set.members(s.members());
                set.createdAt = Instant.now();
                set.persist();
            }
            for (SeedVersion sv : s.versions()) {
                RuleSetVersion existing = RuleSetVersion.find("jurisdiction = ?1 and version = ?2", s.jurisdiction(), sv.version())
                        .firstResult();
                if (existing != null) {
                    if (!"SEED".equals(existing.origin)) {
                        // a version authored through the API took this number first: the seed is not imported, say so loudly
                        LOG.warnf("seed %s v%d not imported: version %d exists and was authored through the API (%s); "
                                + "publish the seed's rules as a new version through the API", s.jurisdiction(), sv.version(),
                                sv.version(), existing.createdBy);
                    }
                    continue;
                }
                // seeds must compile like any authored rule: a broken seed stops the start, loudly
                ruleSets.validate(s.jurisdiction(), sv.rules(), sv.effectiveFrom(), sv.effectiveTo());
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
                v.persist();
                for (int i = 0; i < sv.rules().size(); i++) {
                    Rule r = mapping.entity(sv.rules().get(i), v, i);
                    v.rules.add(r);
                    r.persist();
                }
                // rules go in while the version is a draft (the database refuses rules of published versions)
                RuleSetVersion.flush();
                v.status = VersionStatus.PUBLISHED;
                v.publishedBy = "seed";
                v.publishedAt = v.createdAt;
                imported++;
            }
        }
        return imported;
    }
}
