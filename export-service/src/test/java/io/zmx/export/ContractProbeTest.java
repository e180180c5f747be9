package io.zmx.export;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import org.junit.jupiter.api.Test;

class ContractProbeTest {
    @Test
    void probe() {
        var v = ContractValidation.validator();
        System.out.println("PROBE1 " + v.validateResponse("/api/v1/filings/abc", Request.Method.GET,
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody("{\"version\":{\"n\":1},\"status\":5}").build()));
        System.out.println("PROBE2 " + v.validateResponse("/api/v1/filings/abc", Request.Method.GET,
                SimpleResponse.Builder.status(299).withContentType("application/json").withBody("{}").build()));
        System.out.println("PROBE3 " + v.validateResponse("/api/v1/filings/abc/submit", Request.Method.POST,
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody("{\"afterSalesConfirmation\":null,\"verdict\":null}").build()));
    }
}
