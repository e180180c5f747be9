package io.zmx.compliance.api;

import io.zmx.edge.Problem;
import io.zmx.compliance.engine.EvaluationContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/evaluation-context")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules")
@RolesAllowed({Roles.ADMIN, Roles.RULE_AUTHOR, Roles.EXPORT_SERVICE, Roles.EXPORTER, Roles.MANUFACTURER, Roles.REGISTRAR,
        Roles.CUSTOMS, Roles.AGENCY, Roles.ANALYST}) // rules are public law: every role reads them, no role no read
public class EvaluationContextResource {

    @Schema(name = "EvaluationContext", description = "What a rule expression can see: the variables, their types and the helper functions")
    public record ContextView(
            @Schema(description = "How an expression's value is read") String result,
            @Schema(description = "Which fields are present") String presence,
            List<FieldView> variables,
            List<TypeView> types,
            List<FunctionView> functions) {}

    @Schema(name = "ContextField")
    public record FieldView(String name, @Schema(examples = "zmx.Vehicle") String type, String description) {}

    @Schema(name = "ContextType")
    public record TypeView(@Schema(examples = "zmx.Vehicle") String name, String description, List<FieldView> fields) {}

    @Schema(name = "ContextFunction")
    public record FunctionView(@Schema(examples = "daysBetween(timestamp from, timestamp to) -> int") String signature, String description) {}

    static final ContextView VIEW = new ContextView(
            "An expression must be of type bool; true means the rule HITS the filing (the hit carries the rule's severity).",
            "Strings default to \"\", booleans to false, lists to []. Numbers, dates (timestamps at 00:00Z) and nested objects "
                    + "are absent when the input has none: test them with has(x.field). Reading an absent field is an evaluation "
                    + "error, reported as a HOLD hit (missing data needs a human).",
            EvaluationContext.VARIABLES.stream().map(f -> new FieldView(f.name(), f.type().name(), f.doc())).toList(),
            EvaluationContext.STRUCTS.stream().map(s -> new TypeView(s.name(), s.doc(),
                    s.fields().stream().map(f -> new FieldView(f.name(), typeName(f.type()), f.doc())).toList())).toList(),
            EvaluationContext.FUNCTIONS.stream().map(f -> new FunctionView(f.signature(), f.doc())).toList());

    private static String typeName(dev.cel.common.types.CelType t) {
        if (t instanceof dev.cel.common.types.ListType l) {
            return "list(" + typeName(l.elemType()) + ")";
        }
        return t.name();
    }

    @GET
    @Operation(operationId = "getEvaluationContext", summary = "The declared evaluation context rule expressions are checked against")
    @APIResponse(responseCode = "200", description = "Variables, types and functions")
    public ContextView get() {
        return VIEW;
    }
}
