package dev.dbarch.contracts.kafka;

/** SmallRye Reactive Messaging channel names: {@code <topic>-in} and {@code <topic>-out}. */
public final class Channels {

  public static final String ASSESSMENT_REQUESTS_IN = "assessment-requests-in";
  public static final String ASSESSMENT_REQUESTS_OUT = "assessment-requests-out";
  public static final String SECTION_VERDICTS_OUT = "section-verdicts-out";
  public static final String IDEMPOTENCY_KEYS_OUT = "idempotency-keys-out";
  public static final String REQUIREMENTS_OUT = "requirements-out";
  public static final String MONITORS_OUT = "monitors-out";
  public static final String SCHEMA_CHANGES_OUT = "schema-changes-out";
  public static final String WORKLOAD_SNAPSHOTS_OUT = "workload-snapshots-out";

  private Channels() {}
}
