package io.zmx.compliance.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zmx.compliance.domain.RuleSet;
import io.zmx.compliance.domain.RuleSetScope;
import io.zmx.compliance.persistence.ReplayRows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backtest replays every row its query selects without asking {@link RuleSet#applies} again, so what the query
 * selects ({@link BacktestService#judged}: {@code origin|destination = ANY(countries)}) must be exactly what
 * {@code applies} says, for every scope and every route.
 */
class JudgedTest {

    static final List<String> COUNTRIES = List.of("CN", "KZ", "RU", "KG", "AM", "BY", "AE", "JP", "UZ");

    @Test
    void theQuerySelectsExactlyTheEvaluationsTheSetJudges() {
        for (RuleSet set : List.of(set("CN", RuleSetScope.ORIGIN, ""), set("KZ", RuleSetScope.DESTINATION, ""),
                set("EAEU", RuleSetScope.GROUP, "RU,KZ,KG,AM,BY"), set("XX", RuleSetScope.GROUP, ""))) {
            ReplayRows.Judged judged = BacktestService.judged(set);
            for (String origin : COUNTRIES) {
                for (String destination : COUNTRIES) {
                    boolean selected = judged.countries().contains(judged.byOrigin() ? origin : destination);
                    assertEquals(set.applies(origin, destination), selected, set.jurisdiction + ": " + origin + " -> " + destination);
                }
            }
        }
    }

    static RuleSet set(String jurisdiction, RuleSetScope scope, String members) {
        RuleSet s = new RuleSet();
        s.jurisdiction = jurisdiction;
        s.scope = scope;
        s.membersCsv = members;
        return s;
    }
}
