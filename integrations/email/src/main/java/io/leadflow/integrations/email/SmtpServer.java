package io.leadflow.integrations.email;

import io.leadflow.integration.Vars;
import java.util.Optional;

/**
 * The SMTP server of a step, from its {@code smtp} credential (given to the module as {@code credential.*}): host,
 * port (587 for STARTTLS, 465 for TLS, 25 without), security and optional login. {@code toString} names no secret.
 */
record SmtpServer(String host, int port, Security security, String username, String password) {

    enum Security { STARTTLS, TLS, NONE }

    /** The server, or the reason the credential cannot be used. */
    static Result from(Vars vars) {
        if (!"smtp".equals(vars.text("credential.type").orElse(null)) || vars.text("credential.host").isEmpty()) {
            return new Result(null, "SMTP server is required: give the step a credential of type smtp");
        }
        Security security;
        switch (vars.text("credential.security").orElse("starttls")) {
            case "starttls" -> security = Security.STARTTLS;
            case "tls" -> security = Security.TLS;
            case "none" -> security = Security.NONE;
            default -> {
                return new Result(null, "SMTP security must be starttls, tls or none");
            }
        }
        int port = switch (security) {
            case STARTTLS -> 587;
            case TLS -> 465;
            case NONE -> 25;
        };
        Optional<String> portText = vars.text("credential.port");
        if (portText.isPresent()) {
            if (!portText.get().matches("[1-9][0-9]{0,4}") || Integer.parseInt(portText.get()) > 65535) {
                return new Result(null, "SMTP port must be a port number");
            }
            port = Integer.parseInt(portText.get());
        }
        return new Result(new SmtpServer(vars.text("credential.host").get(), port, security,
                vars.text("credential.username").orElse(null), vars.text("credential.password").orElse(null)), null);
    }

    String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "SmtpServer[" + address() + ", " + security + (username == null ? "" : ", with login") + "]";
    }

    record Result(SmtpServer server, String problem) {
    }
}
