package io.zmx.export.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Readable filing numbers (ZMX-2026-000123) from the {@code filing_number_seq} sequence. */
@ApplicationScoped
public class FilingNumbers {

    public Uni<String> next() {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT nextval('filing_number_seq')").getSingleResult())
                .map(n -> String.format("ZMX-%d-%06d", LocalDate.now(ZoneOffset.UTC).getYear(), ((Number) n).longValue()));
    }
}
