package io.leadflow.flow.run;

import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepResult;
import java.util.List;

/** The steps one service ran for a lead, in order, and why the lead stopped when it did (null when it did not). */
public record PassResult(List<StepResult> steps, LeadStop stop) {
}
