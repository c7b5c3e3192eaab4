package io.leadflow.flow;

/** A flow file that cannot be used; the message names the file, the path in it and the problem. */
public class FlowDefinitionException extends RuntimeException {

    public FlowDefinitionException(String message) {
        super(message);
    }
}
