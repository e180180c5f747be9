package io.zmx.compliance.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A jurisdiction's rules over time: CN (origin), a destination such as KZ, or a group such as the EAEU. */
@Entity
@Table(name = "rule_set")
public class RuleSet extends PanacheEntityBase {

    @Id
    public String jurisdiction;

    public String name;

    @Enumerated(EnumType.STRING)
    public RuleSetScope scope;

    /** Comma-separated member countries; only groups have members. */
    @Column(name = "members")
    public String membersCsv = "";

    @Column(name = "created_at")
    public Instant createdAt;

    public List<String> members() {
        return membersCsv == null || membersCsv.isBlank() ? List.of() : Arrays.asList(membersCsv.split(","));
    }

    public void members(List<String> members) {
        membersCsv = members == null ? "" : String.join(",", members);
    }

    /** Whether this set judges a filing leaving {@code origin} for {@code destination}. */
    public boolean applies(String origin, String destination) {
        return switch (scope) {
            case ORIGIN -> jurisdiction.equals(origin);
            case DESTINATION -> jurisdiction.equals(destination);
            case GROUP -> members().contains(destination);
        };
    }
}
