package io.leadflow.integration;

/**
 * A module could not make an event (an unknown SOAP operation, an unreadable WSDL). The message is the step's reason,
 * shown to users and stored: it must name no secret and no lead data.
 */
public class IntegrationException extends RuntimeException {

    public IntegrationException(String reason) {
        super(reason);
    }

    public IntegrationException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
