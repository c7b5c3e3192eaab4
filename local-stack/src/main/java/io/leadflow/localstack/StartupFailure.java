package io.leadflow.localstack;

import java.util.List;

/** Something the local stack started did not become ready; names the processes whose logs explain why. */
public final class StartupFailure extends Exception {

    private final transient List<ChildProcess> culprits;

    StartupFailure(String message, List<ChildProcess> culprits) {
        super(message);
        this.culprits = List.copyOf(culprits);
    }

    static StartupFailure exited(ChildProcess process) {
        return new StartupFailure(process.name() + " exited with code " + process.exitCode() + " while starting",
                List.of(process));
    }

    public List<ChildProcess> culprits() {
        return culprits;
    }
}
