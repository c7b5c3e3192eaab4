package io.leadflow.flow.run;

/** No usable response arrived; the message is the step's reason, safe to show (no secrets, no lead data). */
public class OutboundCallException extends RuntimeException {

    public OutboundCallException(String reason) {
        super(reason);
    }

    public OutboundCallException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
