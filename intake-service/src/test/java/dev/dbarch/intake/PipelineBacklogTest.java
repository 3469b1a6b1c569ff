package dev.dbarch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The backlog is counted in assessments whichever topic a group lags on: the report's lag on the
 * verdict topic (five records an assessment) must not look five times larger than a specialist's
 * lag on the request topic holding the same work.
 */
class PipelineBacklogTest {

  @Test
  void fiveVerdictsAreOneAssessment() {
    assertThat(PipelineBacklog.inAssessments(0, 0)).isZero();
    assertThat(PipelineBacklog.inAssessments(0, 5)).isEqualTo(1);
    assertThat(PipelineBacklog.inAssessments(0, 2027)).isEqualTo(406);
  }

  @Test
  void anAssessmentWithSomeOfItsVerdictsStillWaitingCounts() {
    assertThat(PipelineBacklog.inAssessments(0, 1)).isEqualTo(1);
    assertThat(PipelineBacklog.inAssessments(0, 6)).isEqualTo(2);
  }

  @Test
  void requestsCountOneEach() {
    assertThat(PipelineBacklog.inAssessments(7, 0)).isEqualTo(7);
    assertThat(PipelineBacklog.inAssessments(7, 10)).isEqualTo(9);
  }
}
