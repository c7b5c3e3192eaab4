package io.leadflow.intake.domain;

import io.leadflow.flow.Flow;
import io.leadflow.flow.SourceDefinition;

/** Whether a caller may submit to a flow's source: admitted, or refused with the answer it gets. */
public sealed interface Admission permits Admission.Admitted, IntakeAnswer.Refused {

    /** The caller may submit to this source of this flow. */
    record Admitted(Flow flow, SourceDefinition source) implements Admission {
    }
}
