package io.zmx.registry.domain;

import java.util.List;

public class InvalidVinException extends RuntimeException {

    private final String input;
    private final List<VinError> errors;

    public InvalidVinException(String input, List<VinError> errors) {
        super("invalid VIN '" + input + "': " + errors.get(0).message(), null, false, false);
        this.input = input;
        this.errors = List.copyOf(errors);
    }

    public String input() {
        return input;
    }

    public List<VinError> errors() {
        return errors;
    }
}
