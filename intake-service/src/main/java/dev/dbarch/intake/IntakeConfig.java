package dev.dbarch.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Settings of the intake API. */
@ConfigMapping(prefix = "dbarch.intake")
public interface IntakeConfig {

  /**
   * Largest requirements document accepted, in bytes; larger bodies get 413. 32 MiB: a pg_dump of
   * 5,000 tables of 40 columns is about 10 MB (ADR 0012); the assessment request a document makes
   * is bounded separately by the record limit.
   */
  @WithDefault("33554432")
  int maxDocumentBytes();

  /**
   * Largest event intake publishes, in bytes of JSON before compression: the record limit of ADR
   * 0012 ({@code RecordLimits.MAX_VALUE_BYTES}). Inputs that would make a larger one get 413 (a
   * document) or 422 (a monitored database) naming the field and this limit. Lower it only to test
   * or to protect small consumers; raising it needs the producers' {@code max.request.size} raised
   * too.
   */
  @WithDefault("" + dev.dbarch.contracts.kafka.RecordLimits.MAX_VALUE_BYTES)
  long maxRecordBytes();

  /** Where clients read recommendations: the report service's public base URL. */
  @WithDefault("http://localhost:8086")
  String reportBaseUrl();

  /**
   * How long a submission waits for the broker to acknowledge each of its records before answering
   * 503 with {@code Retry-After}; the producers' own timeouts (application.properties) are set so
   * that none of them blocks longer.
   */
  @WithDefault("2s")
  Duration publishTimeout();

  /**
   * How fast a large record is assumed to reach the broker at worst (compressing and sending it): a
   * submission waits {@link #publishTimeout()} plus its records' size at this rate, so a
   * 5,000-table schema (a 40 MB request) is not answered 503 by a broker that is merely busy.
   */
  @WithDefault("4194304")
  long publishBytesPerSecond();

  /** How long the idempotency ledger may take to catch up with its topic at start-up. */
  @WithDefault("60s")
  Duration ledgerCatchUpTimeout();

  /** Per-tenant request rates, enforced by each instance on its own (see {@link RateLimits}). */
  RateLimit rateLimit();

  /**
   * How much submission work this instance takes on before it refuses more (see {@link Admission}).
   */
  AdmissionLimits admission();

  /** Warming the JSON and YAML mappers at start-up (see {@code assessment.MapperWarmUp}). */
  WarmUp warmUp();

  /** Verified bearer tokens kept for their next requests (see {@code auth.VerifiedTokenCache}). */
  TokenCache tokenCache();

  /** How many verified tokens are kept, and for how long at most. */
  interface TokenCache {

    /** Distinct tokens kept; past it a newly verified token is simply not kept. 0 turns it off. */
    @WithDefault("10000")
    int maxEntries();

    /**
     * The longest a verified token is trusted without verifying it again (never past its {@code
     * exp}): also how long a token keeps working after its signing key is withdrawn from the
     * verification key set.
     */
    @WithDefault("60s")
    Duration maxTtl();
  }

  /** The bounds {@link Admission} enforces on {@code POST /api/v1/assessments}. */
  interface AdmissionLimits {

    /**
     * Submissions this instance serves at once (arrived and not yet answered, so including those
     * waiting for the broker's acknowledgement); one more gets 503 with {@code Retry-After} before
     * its body is read. This bounds intake's own queue: without it a burst waits on the worker pool
     * until the client gives up.
     */
    @WithDefault("64")
    int maxInFlight();

    /**
     * Assessments the slowest pipeline consumer group has not yet committed on the topics it reads
     * (requests, and verdicts counted five to an assessment); past it submissions get 503 with
     * {@code Retry-After}, so work the pipeline cannot absorb is refused at the door instead of
     * queued in Kafka. The specialists commit every few seconds, so the figure includes up to that
     * long of work already done: keep it well above the peak rate times 5 s (the default is 10 s of
     * the 500 a second intake is built for). 0 turns the check off.
     */
    @WithDefault("5000")
    long maxBacklog();

    /** The consumer groups whose backlog counts: the five specialists and the report. */
    @WithDefault(
        "selection-service,performance-service,resilience-service,security-service,"
            + "migration-service,report-service")
    java.util.List<String> backlogGroups();

    /** How often the backlog is read from the broker (in the background, never per request). */
    @WithDefault("1s")
    Duration backlogInterval();

    /** What {@code Retry-After} tells a submission refused by either bound. */
    @WithDefault("1s")
    Duration retryAfter();
  }

  /** Warming the mappers. */
  interface WarmUp {
    /** Off only to measure what the warm-up buys (docs/benchmarks.md). */
    @WithDefault("true")
    boolean enabled();
  }

  /** Token-bucket rates per tenant. */
  interface RateLimit {

    /** {@code POST /api/v1/assessments}. */
    AssessmentRate assessments();

    /** {@code POST /api/v1/monitors}: each registration connects to a database, so fewer. */
    MonitorRate monitors();

    /** Tenants with their own submission rate, by tenant name. */
    Map<String, AssessmentRate> tenants();
  }

  /** Submissions: {@code burst} at once, then {@code per-second}. */
  interface AssessmentRate {
    @WithDefault("5")
    double perSecond();

    @WithDefault("20")
    int burst();
  }

  /** Monitor registrations: {@code burst} at once, then {@code per-second}. */
  interface MonitorRate {
    @WithDefault("0.2")
    double perSecond();

    @WithDefault("5")
    int burst();
  }
}
