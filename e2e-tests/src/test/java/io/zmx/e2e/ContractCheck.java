package io.zmx.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.zmx.edge.OpenApi30;
import io.zmx.local.Api;
import java.net.URI;
import java.util.Locale;

/**
 * Every answer an end-to-end test gets through the gateway is checked against the gateway's committed partner
 * contract: its status is documented for the operation, its content type declared, its body valid against the
 * schema. An answer the contract does not describe fails the test that received it, so the contract partners
 * build their clients from cannot drift from what the suite answers (issue 11).
 *
 * <p>Requests are not validated (tests send bad input on purpose; the answer to it is what is checked), and
 * answers to paths outside the contract ({@code /q/...}, raw URLs a test builds to probe the edge) are not
 * either. The fuzz suite ({@link ContractFuzzIT}) keeps its own validator, as it collects findings instead of
 * failing on the first.
 */
final class ContractCheck implements Api.Observer {

    private final OpenApiInteractionValidator validator;

    ContractCheck(Contract contract) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(OpenApi30.of(contract.root))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    @Override
    public void answered(String method, String path, Api.Reply reply) {
        ValidationReport report = validate(method, path, reply);
        if (report.hasErrors()) {
            throw new AssertionError("the answer to " + method + " " + path + " (HTTP " + reply.status()
                    + ") is not what the partner contract describes: " + report.getMessages()
                    + "\nbody: " + abbreviate(reply.raw()));
        }
    }

    ValidationReport validate(String method, String path, Api.Reply reply) {
        URI uri = URI.create(path);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status());
        String type = reply.header("Content-Type");
        if (type != null) {
            response.withContentType(type);
        }
        if (reply.raw() != null && !reply.raw().isEmpty()) {
            response.withBody(reply.raw());
        }
        return validator.validateResponse(uri.getRawPath(), Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
                response.build());
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
