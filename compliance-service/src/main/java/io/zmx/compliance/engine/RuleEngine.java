package io.zmx.compliance.engine;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a rule is evaluated. Compiles rule expressions against the declared {@link EvaluationContext}
 * (refusing anything that does not type-check to bool) and runs compiled rule sets over one activation.
 * Plain Java, no CDI: the service, the tests and the JMH benchmark use the same code.
 */
public final class RuleEngine {

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    public RuleEngine() {
        this(false);
    }

    /** @param planner use CEL's newer planner runtime instead of the standard interpreter */
    public RuleEngine(boolean planner) {
        compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(EvaluationContext.OPTIONS)
                .setTypeProvider(EvaluationContext.TYPES)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("vehicle", EvaluationContext.VEHICLE)
                .addVar("filing", EvaluationContext.FILING)
                .addVar("assessment", EvaluationContext.ASSESSMENT)
                .addVar("asOf", SimpleType.TIMESTAMP)
                .addFunctionDeclarations(EvaluationContext.FUNCTION_DECLS)
                .setResultType(SimpleType.BOOL)
                .build();
        runtime = planner
                ? CelRuntimeFactory.plannerRuntimeBuilder()
                        .setOptions(EvaluationContext.OPTIONS)
                        .setTypeProvider(EvaluationContext.TYPES)
                        .addFunctionBindings(EvaluationContext.FUNCTION_BINDINGS)
                        .build()
                : CelRuntimeFactory.standardCelRuntimeBuilder()
                        .setOptions(EvaluationContext.OPTIONS)
                        .addFunctionBindings(EvaluationContext.FUNCTION_BINDINGS)
                        .build();
    }

    /** Compiles every rule; throws with all errors of all rules when any fails. */
    public CompiledRuleSet compile(String jurisdiction, int version, List<RuleDefinition> rules) {
        List<CompileError> errors = new ArrayList<>();
        List<CompiledRuleSet.CompiledRule> compiled = new ArrayList<>();
        for (RuleDefinition rule : rules) {
            try {
                CelAbstractSyntaxTree ast = check(rule.code(), rule.expression());
                compiled.add(new CompiledRuleSet.CompiledRule(rule, runtime.createProgram(ast), references(ast, "vehicle")));
            } catch (RuleCompileException e) {
                errors.addAll(e.errors());
            } catch (dev.cel.common.CelException e) {
                errors.add(new CompileError(rule.code(), 1, 1, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleCompileException(errors);
        }
        return new CompiledRuleSet(jurisdiction, version, List.copyOf(compiled));
    }

    /** Parses and type-checks one expression; it must be a bool (true means the rule HITS). */
    public CelAbstractSyntaxTree check(String code, String expression) {
        try {
            return compiler.compile(expression).getAst();
        } catch (CelValidationException e) {
            List<CompileError> errors = new ArrayList<>();
            for (CelIssue issue : e.getErrors()) {
                // CEL columns are 0-based; authors count from 1 like every editor does
                int line = Math.max(1, issue.getSourceLocation().getLine());
                int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
                errors.add(new CompileError(code, line, column, issue.getMessage()));
            }
            throw new RuleCompileException(errors);
        }
    }

    /**
     * Why a rule could not be evaluated, in words an officer can act on: a helper function's own reason
     * ("model year 2035 ... not trusted") rather than CEL's wrapper, which dumps the arguments.
     */
    static String reason(CelEvaluationException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }

    /** Whether the checked expression reads the variable {@code name} (an identifier, not a field of that name). */
    static boolean references(CelAbstractSyntaxTree ast, String name) {
        return CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .map(n -> n.expr())
                .anyMatch(e -> e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals(name));
    }

    /** The finding for a rule that needs vehicle data when the registry does not know the vehicle. */
    public static final String VEHICLE_UNKNOWN = "Not evaluable: vehicle unknown to the registry";

    /**
     * Runs the rules in force on {@code asOf}; hits ordered by severity, then set order. When the vehicle is
     * unknown to the registry ({@code vehicle.known == false}) every rule that does not read {@code vehicle} runs
     * as usual, and every rule that does is reported as a HOLD "not evaluable: vehicle unknown to the registry"
     * instead of being run on empty defaults ("" is not "RHD", [] has no SALVAGE: it would pass silently).
     */
    public List<RuleHit> evaluate(List<CompiledRuleSet> sets, Map<String, Object> activation, LocalDate asOf) {
        List<RuleHit> hits = new ArrayList<>();
        // a resolver over the caller's map: Program.eval(Map) would copy the map on every rule
        CelVariableResolver variables = name -> Optional.ofNullable(activation.get(name));
        boolean vehicleUnknown = activation.get("vehicle") instanceof Map<?, ?> v && Boolean.FALSE.equals(v.get("known"));
        for (CompiledRuleSet set : sets) {
            for (CompiledRuleSet.CompiledRule rule : set.rules()) {
                RuleDefinition d = rule.definition();
                if (!d.inForceOn(asOf)) {
                    continue;
                }
                if (vehicleUnknown && rule.readsVehicle()) {
                    hits.add(new RuleHit(d.code(), set.jurisdiction(), set.version(), Severity.HOLD, d.title(),
                            VEHICLE_UNKNOWN + "; the rule reads vehicle data and was not run. " + d.message(), d.legalReferences()));
                    continue;
                }
                try {
                    if (Boolean.TRUE.equals(rule.program().eval(variables))) {
                        hits.add(new RuleHit(d.code(), set.jurisdiction(), set.version(), d.severity(), d.title(), d.message(),
                                d.legalReferences()));
                    }
                } catch (CelEvaluationException e) {
                    // missing data or a runtime error: never silently pass, send the filing to a human
                    hits.add(new RuleHit(d.code(), set.jurisdiction(), set.version(), Severity.HOLD, d.title(),
                            "Rule could not be evaluated (" + reason(e) + "); " + d.message(), d.legalReferences()));
                }
            }
        }
        hits.sort(Comparator.comparing(RuleHit::severity));
        return hits;
    }
}
